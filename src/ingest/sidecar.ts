/**
 * Optional sidecar metadata next to a source (`<source>.meta.yaml`): facts the text alone
 * cannot tell (002 never names its city). Validated with a schema; errors name the field.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'astro/zod';

export const SIDECAR_SUFFIX = '.meta.yaml';

export const sidecarSchema = z.strictObject({
  /** Division code (150600) or name (鄂尔多斯市) */
  jurisdiction: z.string().min(2).optional(),
  title: z.string().min(2).optional(),
  docNumber: z.string().min(3).optional(),
  issuer: z.string().min(2).optional(),
  issued: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD').optional(),
  status: z.enum(['current', 'draft', 'repealed', 'superseded']).optional(),
  /** Short id to use instead of the derived one */
  id: z.string().regex(/^[\p{Script=Han}A-Za-z0-9-]+$/u, 'may hold only Han characters, letters, digits and -').optional(),
  note: z.string().optional(),
});

export type Sidecar = z.infer<typeof sidecarSchema>;

export type SidecarResult = { ok: true; value: Sidecar } | { ok: false; message: string };

/** Parses and validates sidecar YAML; the message lists each bad field. */
export function parseSidecar(yamlText: string): SidecarResult {
  let data: unknown;
  try {
    data = parseYaml(yamlText) ?? {};
  } catch (e) {
    return { ok: false, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const result = sidecarSchema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message };
}
