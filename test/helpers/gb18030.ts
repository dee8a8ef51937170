/**
 * Encodes text as GB18030/GBK the way Excel on Chinese Windows saves it.
 * Node has no GBK encoder, only the decoder, so the two-byte table is built
 * once by decoding every lead/trail byte pair.
 */
let table: Map<string, Buffer> | null = null;

function twoByteTable(): Map<string, Buffer> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('gb18030', { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      try {
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && !table.has(ch)) table.set(ch, bytes);
      } catch {
        // not a character
      }
    }
  }
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const map = twoByteTable();
  const parts: Buffer[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) parts.push(Buffer.from([code]));
    else {
      const bytes = map.get(ch);
      if (!bytes) throw new Error(`no two-byte GBK code for ${ch}`);
      parts.push(bytes);
    }
  }
  return Buffer.concat(parts);
}

/** UTF-16 BE bytes of `text` (Node's Buffer speaks LE only). */
export function encodeUtf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) {
    const a = le[i] as number;
    le[i] = le[i + 1] as number;
    le[i + 1] = a;
  }
  return le;
}
