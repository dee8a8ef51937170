/**
 * What a word in a sentiment lexicon does. Lexicons are plain data so a
 * reviewer can read and change them without reading the scorer.
 */
export type LexiconEntry =
  /** Carries sentiment: about ±1 ordinary, ±2 strong, ±0.5 mild. */
  | { kind: 'sentiment'; weight: number }
  /** Flips the next sentiment word within a short window; `factor` > 1 for emphatic forms (一点都不). */
  | { kind: 'negator'; factor: number }
  /** Scales the next sentiment word: 非常 1.8, 有点 0.7. */
  | { kind: 'degree'; factor: number }
  /** 但是: what came before is scaled by `before`, what follows by `after`. */
  | { kind: 'contrast'; before: number; after: number }
  /** 虽然: the rest of its clause is the part the writer concedes, so it counts less. */
  | { kind: 'concession' }
  /**
   * 要是…就更好了, 希望: the clause is a wish, so its praise describes what did not
   * happen; its positive words are dropped and the wish itself weighs `weight`.
   */
  | { kind: 'wish'; weight: number }
  /** Claims a span so a shorter, misleading word inside it is not matched (好几 is not 好). */
  | { kind: 'neutral' };

/** One language's lexicon, as plain arrays. */
export interface SentimentLexicon {
  sentiment: readonly (readonly [word: string, weight: number])[];
  negators: readonly (readonly [word: string, factor: number])[];
  degrees: readonly (readonly [word: string, factor: number])[];
  contrasts: readonly (readonly [word: string, before: number, after: number])[];
  concessions: readonly string[];
  wishes: readonly (readonly [word: string, weight: number])[];
  neutral: readonly string[];
}
