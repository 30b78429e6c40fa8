/**
 * Bytes → text. Officials' files come as UTF-8 (with or without BOM), UTF-16 with BOM,
 * or GB18030/GBK from older systems; the encoding is detected, never assumed.
 */

export type Decoded = { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' };

export class DecodeError extends Error {}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** A file is binary when it holds NUL bytes outside a UTF-16 encoding. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export function decodeText(bytes: Uint8Array): Decoded {
  let decoded: Decoded;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    decoded = { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    decoded = { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    decoded = { text: strict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  } else if (looksBinary(bytes)) {
    throw new DecodeError('binary file (contains NUL bytes), not text');
  } else {
    try {
      decoded = { text: strict('utf-8', bytes), encoding: 'utf-8' };
    } catch {
      // Not UTF-8: the only other encoding without a BOM that Chinese offices produce.
      try {
        decoded = { text: strict('gb18030', bytes), encoding: 'gb18030' };
      } catch {
        throw new DecodeError('text is neither UTF-8 nor GB18030 and has no byte-order mark');
      }
      // GB18030 maps almost any byte sequence to something: accept it only when the result reads as text.
      if (!readable(decoded.text)) throw new DecodeError('bytes are not UTF-8, and as GB18030 they give no readable text');
    }
  }
  if (!readable(decoded.text, 0.98)) throw new DecodeError(`binary or garbled content (${decoded.encoding} decodes to mostly control or unassigned characters)`);
  return { ...decoded, text: normaliseLineEndings(decoded.text) };
}

function strict(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * Share of characters that occur in real documents: Han, CJK punctuation and full-width
 * forms, Latin letters, digits, punctuation, whitespace. `min` is the share required.
 */
export function readable(text: string, min = 0.9): boolean {
  if (text.length === 0) return true;
  const sample = text.slice(0, 20000);
  const ok = sample.match(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0-\u00ff\x20-\x7e\t\n\r\u2460-\u24ff\u25a0-\u25ff\u0370-\u03ff\u0400-\u04ff\u2100-\u2bff\ufeff]/gu)?.length ?? 0;
  return ok / [...sample].length >= min;
}

export function normaliseLineEndings(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
