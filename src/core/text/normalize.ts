/**
 * Text normalisation for matching (keywords, duplicates, risk words).
 *
 * `normalizeText` folds a message to the form keywords are compiled in:
 * NFKC (full width → half width, compatibility forms, math letters `𝐟` → `f`),
 * lower case, Latin diacritics removed (`fréé` → `free`), traditional →
 * simplified Chinese, and everything that is not a letter, digit or script mark
 * dropped: spaces, punctuation, symbols, emoji, zero-width and other format
 * characters. So `退 款`, `退-款`, `退\u200b款`, `退．款` and `退款` all become `退款`,
 * and `f.r.e.e` becomes `free`. Word boundaries are lost on purpose
 * (`free money` → `freemoney`); keywords lose them the same way, so they still
 * match, at the price that `stop` also matches inside `nonstop`.
 *
 * Speed: the screening budget is ~10 µs per message for the whole pipeline, and
 * opencc-js's converter alone costs ~10 µs for a 60-character message (measured:
 * ~11 MB/s), so it is not called on the hot path. Instead every code point is
 * mapped once, on first sight, by a slow exact function (String#normalize,
 * toLowerCase, Unicode property regexes, opencc's single-character
 * dictionaries) and the result is cached in a 64K-entry table for the BMP and a
 * Map for astral code points. The hot loop is one table read per UTF-16 unit.
 *
 * Chinese conversion is character by character (opencc's TSCharacters after its
 * Taiwan and Hong Kong variant tables), not phrase by phrase, so a character
 * with several readings always takes opencc's single-character choice
 * (`乾` → `干`, `著` → `着` even in `著作`). That is fine for matching because
 * keywords go through the same function; it is not a display conversion.
 */
import { Buffer } from 'node:buffer';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TWVariantsRev from 'opencc-js/dict/TWVariantsRev';

// Table values: >= 0 is the single output code unit; the negatives are markers.
const DROP = -1;
const UNSET = -2;
const SURROGATE = -3;
// Values <= EXPANSION_BASE index `expansions` (the output is not one code unit,
// e.g. `㎏` → `kg`, or a BMP ideograph whose simplified form is astral).
const EXPANSION_BASE = -4;

const bmpTable = new Int32Array(0x10000).fill(UNSET);
const expansions: string[] = [];
const astralCache = new Map<number, string>();
for (let c = 0xd800; c <= 0xdfff; c++) bmpTable[c] = SURROGATE;

// Scratch output buffers, reused across calls: normalisation is synchronous, so
// no two calls can interleave, and reuse avoids an allocation per message.
let outBuf = new Uint16Array(1024);
let offBuf = new Uint32Array(1024);
// A byte view of outBuf: decoding it as UTF-16LE measured ~1.5× faster than
// String.fromCharCode.apply for message-sized texts.
let outBytes = Buffer.from(outBuf.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

const KEEP = /^[\p{L}\p{N}\p{M}]$/u;
// Marks that only decorate letters (diacritics, keycaps, variation selectors);
// other marks (Devanagari vowel signs, kana voicing, …) are part of the letter.
const DECORATION =
  /^[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u{e0100}-\u{e01ef}]$/u;
const ONLY_DIACRITICS = /^[\u0300-\u036f]+$/;

interface ChineseTables {
  variants: Map<string, string>;
  traditionalToSimplified: Map<string, string>;
}

let chinese: ChineseTables | null = null;

function parseDictionary(dictionary: string, into: Map<string, string>): void {
  for (const entry of dictionary.split('|')) {
    const space = entry.indexOf(' ');
    if (space > 0) into.set(entry.slice(0, space), entry.slice(space + 1));
  }
}

function loadChinese(): ChineseTables {
  const traditionalToSimplified = new Map<string, string>();
  parseDictionary(TSCharacters, traditionalToSimplified);
  const simplifiedForms = new Set(traditionalToSimplified.values());
  const all = new Map<string, string>();
  parseDictionary(HKVariantsRev, all);
  parseDictionary(TWVariantsRev, all); // Taiwan wins where both list a character
  // opencc assumes traditional input; ours is mixed. A "variant" that is also
  // a standard simplified character (么, 才, 群, 温, …) is left alone, or
  // simplified text would change (什么 → 什幺).
  const variants = new Map<string, string>();
  for (const [from, to] of all) {
    if (!simplifiedForms.has(from) || traditionalToSimplified.has(from)) variants.set(from, to);
  }
  return { variants, traditionalToSimplified };
}

/**
 * Single-character traditional → simplified, the way opencc's `tw`/`hk` → `cn`
 * converters chain their dictionaries: regional variant → OpenCC traditional
 * → simplified.
 */
function simplify(ch: string): string {
  chinese ??= loadChinese();
  let out = chinese.variants.get(ch) ?? ch;
  // Follow TSCharacters to a fixed point so that normalising twice changes nothing.
  for (let step = 0; step < 4; step++) {
    const next = chinese.traditionalToSimplified.get(out);
    if (next === undefined || next === out) break;
    out = next;
  }
  return out;
}

/** The exact (slow) mapping of one code point; its result is cached. */
function mapCodePoint(cp: number): string {
  const folded = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) {
    if (!KEEP.test(ch) || DECORATION.test(ch)) continue;
    const decomposed = ch.normalize('NFD');
    // `é` → `e`, `ё` → `е`: keep the base letter when the rest is diacritics only.
    const base = decomposed.codePointAt(0) ?? 0;
    const baseLength = base > 0xffff ? 2 : 1;
    if (decomposed.length > baseLength && ONLY_DIACRITICS.test(decomposed.slice(baseLength))) {
      out += decomposed.slice(0, baseLength);
    } else {
      out += simplify(ch);
    }
  }
  return out;
}

function fillBmp(c: number): number {
  const mapped = mapCodePoint(c);
  let value: number;
  if (mapped.length === 0) value = DROP;
  else if (mapped.length === 1) value = mapped.charCodeAt(0);
  else {
    value = EXPANSION_BASE - expansions.length;
    expansions.push(mapped);
  }
  bmpTable[c] = value;
  return value;
}

function astral(cp: number): string {
  let mapped = astralCache.get(cp);
  if (mapped === undefined) {
    mapped = mapCodePoint(cp);
    astralCache.set(cp, mapped);
  }
  return mapped;
}

// Both buffers always have the same length, so either can be written at `out`.
function ensureCapacity(needed: number): void {
  if (needed <= outBuf.length) return;
  const size = Math.max(needed, outBuf.length * 2);
  const grownOut = new Uint16Array(size);
  grownOut.set(outBuf);
  outBuf = grownOut;
  outBytes = Buffer.from(outBuf.buffer);
  const grownOff = new Uint32Array(size);
  grownOff.set(offBuf);
  offBuf = grownOff;
}

/**
 * Normalises `text` into `outBuf` (and `offBuf` when `withOffsets`) and returns
 * the output length. One pass; the common case is one table read and one write.
 */
function normalizeInto(text: string, withOffsets: boolean): number {
  const n = text.length;
  // Most characters map to at most one unit; expansions re-check capacity.
  ensureCapacity(n);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // c < 0x10000, so the read is in bounds; `as number` drops the undefined.
    let v = bmpTable[c] as number;
    if (v === UNSET) v = fillBmp(c);
    if (v >= 0) {
      if (withOffsets) offBuf[out] = i;
      outBuf[out++] = v;
      continue;
    }
    if (v === DROP) continue;
    let mapped: string;
    const start = i;
    if (v === SURROGATE) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) continue; // lone surrogate: drop
      mapped = astral(((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
      i++;
    } else {
      mapped = expansions[EXPANSION_BASE - v] as string; // v was stored by fillBmp
    }
    ensureCapacity(out + mapped.length + (n - i));
    for (let k = 0; k < mapped.length; k++) {
      if (withOffsets) offBuf[out] = start;
      outBuf[out++] = mapped.charCodeAt(k);
    }
  }
  return out;
}

// String.fromCharCode.apply takes the units as arguments; keep each call well
// under engines' argument limits. Used only on big-endian machines.
const CHUNK = 4096;

function bufferToString(length: number): string {
  if (LITTLE_ENDIAN) return outBytes.toString('utf16le', 0, length * 2);
  let s = '';
  for (let from = 0; from < length; from += CHUNK) {
    const part = outBuf.subarray(from, Math.min(length, from + CHUNK));
    s += String.fromCharCode.apply(null, part as unknown as number[]);
  }
  return s;
}

/**
 * The matching form of `text`: NFKC, lower case, simplified Chinese, letters
 * and digits only.
 *
 * @example normalizeText('退 款！ＦＲＥＥ f.r.e.e 發貨') === '退款freefree发货'
 */
export function normalizeText(text: string): string {
  return bufferToString(normalizeInto(text, false));
}

/** A normalised text with, for each of its UTF-16 units, where it came from. */
export interface NormalizedWithOffsets {
  readonly text: string;
  /**
   * `offsets[i]` is the index in the original text of the unit (or the first
   * unit of the surrogate pair or expanded character) that produced `text[i]`;
   * `offsets[text.length]` is the original length. A match of normalised units
   * `[s, e)` starts at original index `offsets[s]` and ends at or before `offsets[e]`.
   */
  readonly offsets: Uint32Array;
}

/** Like `normalizeText`, and also maps each output unit back to the original text (for highlighting). */
export function normalizeWithOffsets(text: string): NormalizedWithOffsets {
  const length = normalizeInto(text, true);
  const offsets = new Uint32Array(length + 1);
  offsets.set(offBuf.subarray(0, length));
  offsets[length] = text.length;
  return { text: bufferToString(length), offsets };
}

// The analysis form keeps what the matching form drops: spaces and punctuation
// mark clauses and questions there. Its own table, filled the same lazy way.
const foldTable = new Int32Array(0x10000).fill(UNSET);
for (let c = 0xd800; c <= 0xdfff; c++) foldTable[c] = SURROGATE;
const foldExpansions: string[] = [];

function foldCodePoint(cp: number): string {
  if (cp === 0x2018 || cp === 0x2019) return "'";
  const folded = String.fromCodePoint(cp).normalize('NFKC').toLowerCase();
  let out = '';
  for (const ch of folded) out += /\p{Script=Han}/u.test(ch) ? simplify(ch) : ch;
  return out;
}

/**
 * The form complaint analysis reads: NFKC (full width → half width, so `！？，`
 * become `!?,`), lower case, traditional → simplified Chinese character by
 * character as in `normalizeText`, but spaces and punctuation kept.
 *
 * @example foldForAnalysis('我要投訴！ＴＶ壞了？') === '我要投诉!tv坏了?'
 */
export function foldForAnalysis(text: string): string {
  const n = text.length;
  ensureCapacity(n);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let v = foldTable[c] as number;
    if (v === UNSET) {
      const mapped = foldCodePoint(c);
      if (mapped.length === 1) v = mapped.charCodeAt(0);
      else {
        v = EXPANSION_BASE - foldExpansions.length;
        foldExpansions.push(mapped);
      }
      foldTable[c] = v;
    }
    if (v >= 0) {
      outBuf[out++] = v;
      continue;
    }
    let mapped: string;
    if (v === SURROGATE) {
      const low = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) continue;
      mapped = String.fromCharCode(c, low); // astral text (emoji) passes through unchanged
      i++;
    } else mapped = foldExpansions[EXPANSION_BASE - v] as string;
    ensureCapacity(out + mapped.length + (n - i));
    for (let k = 0; k < mapped.length; k++) outBuf[out++] = mapped.charCodeAt(k);
  }
  return bufferToString(out);
}
