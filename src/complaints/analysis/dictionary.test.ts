import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dictionary, type DictionaryMatch } from './dictionary.js';

/**
 * The trie must find exactly what the plain version it replaced found: the
 * longest word at each position, Latin words only where they stand alone,
 * later duplicates winning. The plain version is kept here as the oracle.
 */
class ReferenceDictionary<T> {
  private readonly entries = new Map<string, T>();
  private readonly lengthsByFirst = new Map<string, number[]>();

  constructor(words: Iterable<readonly [string, T]>) {
    for (const [word, value] of words) {
      if (word.length === 0) continue;
      // Later entries win, so a caller can override a shared list.
      this.entries.set(word, value);
      const first = word[0] as string;
      const lengths = this.lengthsByFirst.get(first) ?? [];
      if (!lengths.includes(word.length)) {
        lengths.push(word.length);
        lengths.sort((a, b) => b - a);
      }
      this.lengthsByFirst.set(first, lengths);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The longest word starting at `pos`, or undefined. */
  matchAt(text: string, pos: number): DictionaryMatch<T> | undefined {
    // Inside a Latin word nothing can start (checked before any slicing: most positions of English text).
    if (pos > 0 && isAsciiWordChar(text.charCodeAt(pos)) && isAsciiWordChar(text.charCodeAt(pos - 1)))
      return undefined;
    const lengths = this.lengthsByFirst.get(text[pos] as string);
    if (lengths === undefined) return undefined;
    for (const len of lengths) {
      const end = pos + len;
      if (end > text.length) continue;
      const word = text.slice(pos, end);
      const value = this.entries.get(word);
      if (value === undefined) continue;
      // Latin words must stand alone: `good` is not in `goods`, `no` not in `know`.
      if (isAsciiWordChar(word.charCodeAt(0)) && pos > 0 && isAsciiWordChar(text.charCodeAt(pos - 1)))
        continue;
      if (
        isAsciiWordChar(word.charCodeAt(len - 1)) &&
        end < text.length &&
        isAsciiWordChar(text.charCodeAt(end))
      )
        continue;
      return { word, value, start: pos, end };
    }
    return undefined;
  }

  /** Non-overlapping longest matches, left to right. */
  scan(text: string): DictionaryMatch<T>[] {
    const found: DictionaryMatch<T>[] = [];
    let pos = 0;
    while (pos < text.length) {
      const match = this.matchAt(text, pos);
      if (match === undefined) {
        pos += 1;
      } else {
        found.push(match);
        pos = match.end;
      }
    }
    return found;
  }
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

// A small alphabet, so words overlap, nest and recur inside the texts.
const alphabet = ['投', '诉', '退', '款', '不', 'a', 'b', 'n', 'o', '1', '2', ' ', '，', '?'];
const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join(''));

const plain = <T>(ms: DictionaryMatch<T>[]) => ms.map((m) => ({ ...m }));

describe('Dictionary', () => {
  it('matches exactly as the plain longest-match dictionary did, at every position', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.nat(9)), { maxLength: 30 }), text, (words, t) => {
        const trie = new Dictionary(words);
        const reference = new ReferenceDictionary(words);
        expect(trie.size).toBe(reference.size);
        expect(plain(trie.scan(t))).toEqual(plain(reference.scan(t)));
        for (let pos = 0; pos < t.length; pos++)
          expect(trie.matchAt(t, pos)).toEqual(reference.matchAt(t, pos));
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps Latin words whole and lets later entries win', () => {
    const d = new Dictionary<number>([
      ['no', 1],
      ['good', 2],
      ['投诉', 3],
      ['投诉', 4],
      ['不退款', 5],
    ]);
    expect(d.scan('i know no goods').map((m) => m.word)).toEqual(['no']);
    expect(d.scan('要投诉，不退款吗').map((m) => [m.word, m.value, m.start, m.end])).toEqual([
      ['投诉', 4, 1, 3],
      ['不退款', 5, 4, 7],
    ]);
    expect(d.size).toBe(4);
  });
});
