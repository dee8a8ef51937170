import { describe, expect, it } from 'vitest';
import { encodeGb18030, encodeUtf16be } from '../../test/helpers/gb18030.js';
import { detectTextEncoding, FileTextDecoder, SNIFF_BYTES, type TextEncodingName } from './text-encoding.js';

const encoders: Record<string, (text: string) => Buffer> = {
  'utf-8': (t) => Buffer.from(t, 'utf8'),
  'utf-8 BOM': (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
  gb18030: encodeGb18030,
  'utf-16le BOM': (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]),
  'utf-16be BOM': (t) => Buffer.concat([Buffer.from([0xfe, 0xff]), encodeUtf16be(t)]),
  'utf-16le': (t) => Buffer.from(t, 'utf16le'),
};
const expected: Record<string, TextEncodingName> = {
  'utf-8': 'utf-8',
  'utf-8 BOM': 'utf-8',
  gb18030: 'gb18030',
  'utf-16le BOM': 'utf-16le',
  'utf-16be BOM': 'utf-16be',
  'utf-16le': 'utf-16le',
};

/** Reads `bytes` as the importer does: sniff the head, then decode in chunks of `chunk` bytes. */
function readAs(bytes: Buffer, chunk: number): { encoding: TextEncodingName | null; text: string } {
  const head = bytes.subarray(0, SNIFF_BYTES);
  const found = detectTextEncoding(head, bytes.length <= SNIFF_BYTES);
  if (!found) return { encoding: null, text: '' };
  const decoder = new FileTextDecoder(found.encoding);
  let text = '';
  for (let i = 0; i < bytes.length; i += chunk) text += decoder.write(bytes.subarray(i, i + chunk));
  return { encoding: found.encoding, text: text + decoder.end() };
}

describe('detectTextEncoding', () => {
  const header = '手机号,级别,分类,原因\r\n';
  const row = (i: number) => `1370013${String(i).padStart(4, '0')},1,harassment,导入${i}骚扰客服\r\n`;

  it.each(Object.keys(encoders))(
    'finds %s when the sniff window cuts a character at every offset',
    (name) => {
      const encode = encoders[name] as (t: string) => Buffer;
      let body = header;
      for (let i = 0; i < 1_800; i++) body += row(i); // over SNIFF_BYTES in every encoding
      expect(encode(body).length).toBeGreaterThan(SNIFF_BYTES + 64);
      // Shift the text by 0..5 ASCII bytes so the window's end falls on every byte of a character.
      for (let shift = 0; shift < 6; shift++) {
        const text = `${'#'.repeat(shift)}${body}`;
        const bytes = encode(text);
        const r = readAs(bytes, 4093); // an odd chunk size cuts characters between chunks too
        expect(r.encoding, `${name} shifted ${shift}`).toBe(expected[name]);
        expect(r.text).toBe(text);
      }
    },
  );

  it.each(Object.keys(encoders))(
    'finds %s in files cut at every length near the window, ending in Chinese',
    (name) => {
      const encode = encoders[name] as (t: string) => Buffer;
      const text = header + '13700137003,1,harassment,导入三'.repeat(3_000);
      const full = encode(text);
      expect(full.length).toBeGreaterThan(SNIFF_BYTES + 16);
      const bom = name.includes('BOM') ? (name.startsWith('utf-8') ? 3 : 2) : 0;
      const unit = name.startsWith('utf-16') ? 2 : 1;
      // Every file length from 8 bytes under the window to 16 over it that ends on a whole character.
      for (let length = SNIFF_BYTES - 8; length <= SNIFF_BYTES + 16; length++) {
        if ((length - bom) % unit !== 0) continue;
        const bytes = full.subarray(0, length);
        let whole: string;
        try {
          whole = new TextDecoder(expected[name], { fatal: true }).decode(bytes);
        } catch {
          continue; // a cut through a character: not a file anyone saves
        }
        const r = readAs(bytes, 1 << 20);
        expect(r.encoding, `${name} at ${length} bytes`).toBe(expected[name]);
        expect(r.text).toBe(whole);
      }
    },
  );

  it('reads a small UTF-8 file whose last line ends in Chinese', () => {
    const bytes = Buffer.from('手机号,级别,分类,原因\n13700137003,1,harassment,导入三', 'utf8');
    for (let cut = bytes.length - 2; cut <= bytes.length; cut++) {
      // The whole file: a cut inside the last character is an error, not a guess.
      const found = detectTextEncoding(bytes.subarray(0, cut), true);
      if (cut === bytes.length) expect(found).toEqual({ encoding: 'utf-8', bom: false });
      else expect(found?.encoding).not.toBe('utf-8');
    }
  });

  it('refuses binary data', () => {
    expect(detectTextEncoding(Buffer.from([0, 1, 2, 3, 0, 255]), true)).toBeNull();
    expect(
      detectTextEncoding(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), true),
    ).toBeNull();
  });

  it('names the offset when a file changes encoding part-way', () => {
    const d = new FileTextDecoder('utf-8');
    d.write(Buffer.from('abc'));
    expect(() => d.write(encodeGb18030('骚扰'))).toThrow(/not valid UTF-8 after byte 3/);
  });
});
