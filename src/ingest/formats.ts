/**
 * A source file of any supported format → plain text for the parser: .txt (any
 * encoding), .docx (mammoth, one line per paragraph), .html/.htm (portal pages), .md.
 */
import mammoth from 'mammoth';
import type { RemovedLine } from './clean.ts';
import { DecodeError, decodeText, normaliseLineEndings } from './decode.ts';
import { htmlToText } from './html.ts';
import { markdownToText } from './markdown.ts';

export type SourceText = { text: string; format: string; removed: RemovedLine[] };
export type ReadResult = { ok: true; value: SourceText } | { ok: false; format: string; message: string };

const UNSUPPORTED: Record<string, string> = {
  doc: 'old Word .doc files are not supported; save the file as .docx',
  wps: 'WPS files are not supported; save the file as .docx',
  pdf: 'PDF files are not supported; export the text as .txt or .docx',
};

export function extensionOf(source: string): string {
  const m = /\.([^./]+)$/.exec(source);
  return m ? m[1]!.toLowerCase() : '';
}

export async function readSource(source: string, bytes: Uint8Array): Promise<ReadResult> {
  const ext = extensionOf(source);
  const fail = (format: string, message: string): ReadResult => ({ ok: false, format, message });
  try {
    switch (ext) {
      case 'txt':
      case 'text':
        return { ok: true, value: { text: decodeText(bytes).text, format: 'text', removed: [] } };
      case 'md':
      case 'markdown': {
        const { text, removed } = markdownToText(decodeText(bytes).text);
        return { ok: true, value: { text, format: 'markdown', removed } };
      }
      case 'html':
      case 'htm': {
        const { text, removed } = htmlToText(decodeText(bytes).text);
        return { ok: true, value: { text, format: 'html', removed } };
      }
      case 'docx': {
        let value: string;
        try {
          ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) }));
        } catch (e) {
          return fail('docx', `not a readable .docx file (${(e as Error).message.split('\n')[0]})`);
        }
        // mammoth ends every paragraph with a blank line: one paragraph, one line.
        return { ok: true, value: { text: normaliseLineEndings(value).replace(/\n\n/g, '\n'), format: 'docx', removed: [] } };
      }
      default:
        return fail(ext || 'none', UNSUPPORTED[ext] ?? `unsupported file type ${ext ? `".${ext}"` : '(no extension)'}; supported: .txt, .docx, .html, .htm, .md`);
    }
  } catch (e) {
    if (e instanceof DecodeError) return fail(ext, e.message);
    throw e;
  }
}
