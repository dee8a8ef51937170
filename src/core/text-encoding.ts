/**
 * Which text encoding a file is in, by its content: what people's files are
 * saved as. Excel on Chinese Windows saves CSV as GBK (GB18030) without a BOM,
 * "Unicode text" as tab-separated UTF-16 LE with a BOM, and "CSV UTF-8" with a
 * BOM; editors save UTF-8 without one.
 *
 * Node's TextDecoder (full ICU) decodes all of them, so no library is needed.
 */

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** The file starts with a byte order mark (the decoder drops it). */
  bom: boolean;
}

/** Bytes looked at; the first non-ASCII bytes of a file decide between UTF-8 and GB18030. */
export const SNIFF_BYTES = 64 * 1024;

const decodes = (encoding: TextEncodingName, bytes: Uint8Array): boolean => {
  try {
    new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * True when `bytes` decode, allowing the window to end inside a character
 * (up to 3 bytes of it) unless it is the whole file.
 */
function decodesCut(encoding: TextEncodingName, bytes: Uint8Array, whole: boolean): boolean {
  if (decodes(encoding, bytes)) return true;
  if (whole) return false;
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    if (decodes(encoding, bytes.subarray(0, bytes.length - cut))) return true;
  }
  return false;
}

/** UTF-16 without a BOM: text in the Latin range has a zero in every other byte. */
function utf16ByZeros(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * The encoding of a text file from its first bytes (`head`, up to SNIFF_BYTES;
 * `whole` when that is the entire file). Null for content that is not text in
 * any of them (binary).
 *
 * BOMs first; then UTF-16 by its zero bytes; then UTF-8 if the bytes are
 * valid UTF-8 (plain ASCII is UTF-8), else GB18030 (a superset of GBK and
 * GB2312) if they are valid GB18030. Valid UTF-8 with Chinese in it is
 * practically never valid-looking GBK by accident the other way round, since
 * UTF-8 is tried first and its structure is strict.
 */
export function detectTextEncoding(head: Uint8Array, whole: boolean): DetectedEncoding | null {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8', bom: true };
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const utf16 = utf16ByZeros(head);
  if (utf16) {
    const even = whole ? head : head.subarray(0, head.length & ~1);
    return decodesCut(utf16, even, whole) && looksLikeText(utf16, even)
      ? { encoding: utf16, bom: false }
      : null;
  }
  if (head.includes(0)) return null; // binary
  for (const encoding of ['utf-8', 'gb18030'] as const) {
    if (decodesCut(encoding, head, whole))
      return looksLikeText(encoding, head) ? { encoding, bom: false } : null;
  }
  return null;
}

/** No control characters but tab, line ends and form feed: binary data decodes, but not to text. */
function looksLikeText(encoding: TextEncodingName, bytes: Uint8Array): boolean {
  const text = new TextDecoder(encoding).decode(bytes);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) || c === 0x7f) return false;
  }
  return true;
}

/** Human names, for reports and the console. */
export const encodingLabels: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GB18030 (GBK)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

/**
 * A streaming decoder for one file: `write` each chunk, `end` once. Invalid
 * bytes are an error (never silently replaced: a wrong reason or identifier
 * must not be imported), naming the byte offset where decoding failed.
 */
export class FileTextDecoder {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  private offset = 0;

  constructor(readonly encoding: TextEncodingName) {
    // The BOM is dropped by the decoder (ignoreBOM: false).
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  write(chunk: Uint8Array): string {
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      this.offset += chunk.length;
      return text;
    } catch {
      throw new TextDecodeError(this.encoding, this.offset);
    }
  }

  end(): string {
    try {
      return this.decoder.decode();
    } catch {
      throw new TextDecodeError(this.encoding, this.offset);
    }
  }
}

export class TextDecodeError extends Error {
  constructor(
    readonly encoding: TextEncodingName,
    /** Offset of the chunk in which decoding failed. */
    readonly near: number,
  ) {
    super(
      `the file is not valid ${encodingLabels[encoding]} after byte ${near}; save the whole file in one encoding (UTF-8 or GBK)`,
    );
  }
}
