import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// The plain Map-of-words dictionary, frozen with the baseline analyser the text bench compares against.
import { Dictionary as ReferenceDictionary } from '../../../bench/baseline/analysis/dictionary.js';
import { Dictionary, type DictionaryMatch } from './dictionary.js';

/**
 * The trie must find exactly what the plain version it replaced found: the
 * longest word at each position, Latin words only where they stand alone,
 * later duplicates winning. The plain version (bench/baseline) is the oracle.
 */
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
