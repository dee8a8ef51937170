import { fmix32 } from '../../core/hash.js';
/**
 * Text → hashed feature buckets for the spam model.
 *
 * Preprocessing (in this order):
 * - NFKC (full-width letters, digits and punctuation become ASCII) and lower case;
 * - URLs and bare domains (`http://…`, `www.…`, `shop123.com/x`) become one URL token;
 * - zero-width characters and soft hyphens are dropped as if absent, so `退\u200b款` reads `退款`;
 * - a run of digits becomes one number token by length class (1–2, 3–4, 5+ digits): the exact
 *   number is noise, its shape (a price, a short code, a phone number) is signal;
 * - a run of `x` counts as digits when it stands apart from other Latin letters and is either
 *   two or more long or touches a CJK character or a digit. Public Chinese SMS sets mask every
 *   digit as `x` (`金城路xxx号`, `x月x日`), and such text must read the same as unmasked text.
 *   The cost: a standalone `xx`/`xxx` in English reads as a number;
 * - separators used to dodge keyword filters (`-`, `_`, `·`, `.`, `*`, `~`, `|`, `/`, spaces)
 *   between two CJK characters are dropped, so `退-款` and `退 款` read `退款`.
 *
 * The text becomes a sequence of units: CJK characters, Latin words (apostrophes dropped),
 * number/URL tokens and other symbols (`【`, `!`, `£`, emoji; runs of one symbol capped at 3).
 * Features are unit 1- and 2-grams (CJK character bigrams, word bigrams, `NUM号`), unit
 * 3-grams containing no Latin word (CJK character trigrams), and character 3- and 4-grams of
 * each Latin word padded with boundary marks (catches `fr33`-style variants and inflections).
 *
 * Each feature is hashed incrementally over code points with FNV-1a (one step per code point or
 * unit hash, not per byte) and finished with murmur3's fmix32 so that the top bits used as the
 * bucket are well mixed. No string is allocated per n-gram: scoring allocates only the
 * normalised text.
 */

/** Bump when preprocessing or hashing changes: a stored model is only valid for one version. */
export const FEATURE_VERSION = 1;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const fnv = (h: number, x: number): number => Math.imul(h ^ x, FNV_PRIME);

// Seeds keep feature families apart: the word "a" and the CJK character with the same hash, or
// a unigram and a bigram, land in different buckets.
const SEED_UNI = fnv(FNV_OFFSET, 1);
const SEED_BI = fnv(FNV_OFFSET, 2);
const SEED_TRI = fnv(FNV_OFFSET, 3);
const SEED_CHAR3 = fnv(FNV_OFFSET, 4);
const SEED_CHAR4 = fnv(FNV_OFFSET, 5);

const KIND_CJK = 1;
const KIND_WORD = 2;
const KIND_NUM = 3;
const KIND_URL = 4;
const KIND_SYM = 5;

// Unit hashes of the placeholders: out of the code point range (> 0x10FFFF) so they never equal
// a CJK character's or a symbol's unit hash (which is the code point itself).
const NUM_SHORT = 0x7f000001;
const NUM_MEDIUM = 0x7f000002;
const NUM_LONG = 0x7f000003;
const URL_UNIT = 0x7f000010;
const URL_MARK = 0xe001; // private-use character the URL pass writes in place of a URL

// Character classes, cached per BMP code point in a lazily filled table.
const C_UNKNOWN = 0;
const C_SKIP = 1;
const C_SPACE = 2;
const C_DIGIT = 3;
const C_LETTER = 4;
const C_CJK = 5;
const C_SYMBOL = 6;
const C_APOSTROPHE = 7;
const C_URL = 8;

const bmpClass = new Uint8Array(0x10000);
const letterRe = /[\p{L}\p{M}]/u;
const spaceRe = /\s/u;

const isCjk = (c: number): boolean =>
  (c >= 0x3040 && c <= 0x30ff) || // kana
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0xac00 && c <= 0xd7af) || // hangul syllables
  (c >= 0xf900 && c <= 0xfaff) ||
  (c >= 0x20000 && c <= 0x3ffff);

function classify(c: number): number {
  if (c < 0x10000) {
    const cached = bmpClass[c];
    if (cached !== undefined && cached !== C_UNKNOWN) return cached;
    const computed = computeClass(c);
    bmpClass[c] = computed;
    return computed;
  }
  return isCjk(c) ? C_CJK : C_SYMBOL;
}

function computeClass(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return C_LETTER;
  if (c >= 0x30 && c <= 0x39) return C_DIGIT;
  if (c <= 0x20) return C_SPACE;
  if (c === 0x27 || c === 0x2019) return C_APOSTROPHE;
  if (c === URL_MARK) return C_URL;
  if (
    c === 0xad ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200d) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff
  ) {
    return C_SKIP;
  }
  if (c < 0x80) return C_SYMBOL;
  if (isCjk(c)) return C_CJK;
  const s = String.fromCharCode(c);
  if (spaceRe.test(s)) return C_SPACE;
  if (letterRe.test(s)) return C_LETTER;
  return C_SYMBOL;
}

const isEvasionSeparator = (c: number): boolean =>
  c === 0x2d || // -
  c === 0x5f || // _
  c === 0xb7 || // ·
  c === 0x30fb || // ・
  c === 0x2e || // .
  c === 0x2a || // *
  c === 0x7e || // ~
  c === 0x7c || // |
  c === 0x2f || // /
  c === 0x5c; // \

// Scheme or www. prefix, or a bare domain with a common TLD; only ASCII URL characters, so a URL
// glued to Chinese text (`http://t.cn/ab点击领取`) stops where the Chinese starts.
const URL_RE =
  /(?:https?:\/\/|www\.)[a-z0-9\-._~:/?#@!$&*+,;=%]+|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|hk|tw|info|biz|io|co|me|cc|tk|ly|uk|top|xyz|vip|shop|club|site|online|link)(?![a-z0-9])(?:\/[a-z0-9\-._~:/?#@!$&*+,;=%]*)?/g;

const URL_MARK_STR = String.fromCharCode(URL_MARK);

/** NFKC, lower case, URLs replaced by one mark. Exported for tests. */
export function normaliseForSpam(text: string): string {
  let s = text.normalize('NFKC').toLowerCase();
  // The regex is the slowest step; most texts have no dot or slash and skip it.
  if (s.indexOf('.') !== -1 || s.indexOf('/') !== -1) s = s.replace(URL_RE, URL_MARK_STR);
  return s;
}

const MAX_WORD_GRAM_CHARS = 32; // longer "words" are base64 or junk; their prefix is enough
const MAX_SYMBOL_RUN = 3;
const MAX_PENDING_SEPARATORS = 4;

/**
 * Reusable feature buffer. Extraction is synchronous and JavaScript is single-threaded, so one
 * module-level buffer serves every call without allocation.
 */
class FeatureSink {
  buf = new Uint32Array(1024);
  n = 0;
  shift = 14;

  push(h: number): void {
    if (this.n === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.n++] = fmix32(h) >>> this.shift;
  }
}

const sink = new FeatureSink();
const wordChars = new Int32Array(MAX_WORD_GRAM_CHARS + 2);

/**
 * Hashes `text` into bucket indices in `[0, 2^bits)`. Returns the shared buffer and the count;
 * the buffer is overwritten by the next call, so copy what must outlive it.
 */
export function extractFeatures(text: string, bits: number): { buckets: Uint32Array; count: number } {
  sink.n = 0;
  sink.shift = 32 - bits;
  const s = normaliseForSpam(text);
  const len = s.length;

  // Sliding window of the last two units (kind and hash).
  let k1 = 0;
  let h1 = 0;
  let k2 = 0;
  let h2 = 0;

  // Evasion separators seen after a CJK character, held until we know what follows.
  const pending: number[] = [];

  // Current Latin word.
  let inWord = false;
  let wordHash = FNV_OFFSET;
  let wordLen = 0;
  let allX = true;
  let wordPrevClass = C_SPACE;

  // Current number run (digits, possibly continued by a masked `x` run).
  let numLen = 0;

  // Run of one repeated symbol.
  let lastSymbol = -1;
  let symbolRun = 0;

  const emitUnit = (kind: number, h: number): void => {
    if (pending.length > 0) {
      if (!(kind === KIND_CJK && k1 === KIND_CJK)) {
        for (const sep of pending) emitUnitRaw(KIND_SYM, sep);
      }
      pending.length = 0;
    }
    if (kind !== KIND_SYM) lastSymbol = -1;
    emitUnitRaw(kind, h);
  };

  const emitUnitRaw = (kind: number, h: number): void => {
    sink.push(fnv(SEED_UNI, h));
    if (k1 !== 0) {
      sink.push(fnv(fnv(SEED_BI, h1), h));
      if (k2 !== 0 && kind !== KIND_WORD && k1 !== KIND_WORD && k2 !== KIND_WORD) {
        sink.push(fnv(fnv(fnv(SEED_TRI, h2), h1), h));
      }
    }
    k2 = k1;
    h2 = h1;
    k1 = kind;
    h1 = h;
  };

  const flushNumber = (): void => {
    if (numLen === 0) return;
    emitUnit(KIND_NUM, numLen <= 2 ? NUM_SHORT : numLen <= 4 ? NUM_MEDIUM : NUM_LONG);
    numLen = 0;
  };

  const flushWord = (nextClass: number): void => {
    if (!inWord) return;
    inWord = false;
    const touchesNumberish =
      wordPrevClass === C_CJK || wordPrevClass === C_DIGIT || nextClass === C_CJK || nextClass === C_DIGIT;
    if (allX && (wordLen >= 2 || touchesNumberish)) {
      // A masked number: joins a digit run directly before it (`1xx`) or after it (`xx1`).
      numLen += wordLen;
      if (nextClass !== C_DIGIT) flushNumber();
      return;
    }
    flushNumber();
    emitUnit(KIND_WORD, wordHash);
    // Character 3- and 4-grams of the word padded with boundary marks 0x02 … 0x03.
    const n = Math.min(wordLen, MAX_WORD_GRAM_CHARS) + 2;
    wordChars[n - 1] = 0x03;
    for (let i = 0; i + 3 <= n; i++) {
      const a = wordChars[i] ?? 0;
      const b = wordChars[i + 1] ?? 0;
      const c = wordChars[i + 2] ?? 0;
      const g3 = fnv(fnv(fnv(SEED_CHAR3, a), b), c);
      sink.push(g3);
      if (i + 4 <= n) {
        sink.push(fnv(fnv(fnv(fnv(SEED_CHAR4, a), b), c), wordChars[i + 3] ?? 0));
      }
    }
  };

  let prevClass = C_SPACE;
  for (let i = 0; i < len; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    const cls = classify(c);
    if (cls === C_SKIP) continue;

    if (cls === C_LETTER) {
      if (!inWord) {
        if (numLen > 0 && c !== 0x78) flushNumber(); // digits then `x` may be one masked number
        inWord = true;
        wordHash = FNV_OFFSET;
        wordLen = 0;
        allX = true;
        wordPrevClass = numLen > 0 ? C_DIGIT : prevClass;
        wordChars[0] = 0x02;
      }
      wordHash = fnv(wordHash, c);
      if (c !== 0x78) allX = false;
      if (wordLen < MAX_WORD_GRAM_CHARS) wordChars[wordLen + 1] = c;
      wordLen++;
      prevClass = cls;
      continue;
    }
    if (cls === C_APOSTROPHE && inWord) continue; // don't → dont

    flushWord(cls);

    if (cls === C_DIGIT) {
      numLen++;
      prevClass = cls;
      continue;
    }
    flushNumber();

    if (cls === C_SPACE) {
      // Spaces are not units; a space between CJK characters is an evasion separator.
      prevClass = cls;
      continue;
    }
    if (cls === C_CJK) {
      emitUnit(KIND_CJK, c);
    } else if (cls === C_URL) {
      emitUnit(KIND_URL, URL_UNIT);
    } else {
      // Symbol (or a stray apostrophe).
      if (k1 === KIND_CJK && isEvasionSeparator(c) && pending.length < MAX_PENDING_SEPARATORS) {
        pending.push(c);
        prevClass = cls;
        continue;
      }
      if (c === lastSymbol) {
        symbolRun++;
        if (symbolRun > MAX_SYMBOL_RUN) {
          prevClass = cls;
          continue;
        }
      } else {
        lastSymbol = c;
        symbolRun = 1;
      }
      emitUnit(KIND_SYM, c);
    }
    prevClass = cls;
  }
  flushWord(C_SPACE);
  flushNumber();
  if (pending.length > 0) {
    for (const sep of pending) emitUnitRaw(KIND_SYM, sep);
  }
  return { buckets: sink.buf, count: sink.n };
}
