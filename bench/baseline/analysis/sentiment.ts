import { Dictionary } from './dictionary.js';
import { EN_LEXICON } from './lexicon-en.js';
import type { LexiconEntry, SentimentLexicon } from './lexicon-types.js';
import { ZH_DEGREE_IF_ADJACENT, ZH_LEXICON } from './lexicon-zh.js';
import { normaliseForAnalysis } from './normalise.js';

/** One word that moved the score, with its weight after negation, degree and contrast. */
export interface SentimentHit {
  /** The span as normalised, modifiers included: `不是很好`, `very happy`. */
  word: string;
  weight: number;
}

export interface SentimentResult {
  /** −1 (very negative) … 1 (very positive); 0 when nothing was recognised. */
  score: number;
  hits: SentimentHit[];
}

/** Scores a text; built once per lexicon set because building the dictionary is the costly part. */
export type SentimentScorer = (text: string) => SentimentResult;

/**
 * Tuning of the rules. The values are judgement, checked against the
 * development split of bench/eval-sentiment.ts, not fitted to it.
 */
const NEGATION_WINDOW = 3; // units (a Chinese character or a Latin word) between a negator and its word
const DEGREE_WINDOW = 1;
const NEGATED_POSITIVE = -0.9; // 不好 is nearly as bad as 好 is good
const NEGATED_NEGATIVE = -0.4; // 不差 is only faint praise
const NEGATION_BEFORE_DEGREE = 0.6; // 不是很好: a softened "not good"
const CONCESSION_FACTOR = 0.5;
const UNRESOLVED_NEGATION = -0.3; // 没送水, 不给筷子: a negator with nothing to flip still reports a lack
const SQUASH = 0.5; // tanh(0.5 · sum): one ordinary word ≈ ±0.5, two strong ones ≈ ±0.95

function buildDictionary(lexicons: readonly SentimentLexicon[]): Dictionary<LexiconEntry> {
  const words: [string, LexiconEntry][] = [];
  for (const lexicon of lexicons) {
    for (const word of lexicon.neutral) words.push([word, { kind: 'neutral' }]);
    for (const word of lexicon.concessions) words.push([word, { kind: 'concession' }]);
    for (const [word, weight] of lexicon.wishes) words.push([word, { kind: 'wish', weight }]);
    for (const [word, before, after] of lexicon.contrasts)
      words.push([word, { kind: 'contrast', before, after }]);
    for (const [word, factor] of lexicon.degrees) words.push([word, { kind: 'degree', factor }]);
    for (const [word, factor] of lexicon.negators) words.push([word, { kind: 'negator', factor }]);
    // Sentiment last: a word listed both ways (差评 and 差) is scored, not skipped.
    for (const [word, weight] of lexicon.sentiment) words.push([word, { kind: 'sentiment', weight }]);
  }
  return new Dictionary(words);
}

function isCjk(code: number): boolean {
  return code >= 0x2e80;
}

function isClauseBreak(text: string, pos: number): boolean {
  const ch = text[pos] as string;
  if (',.!?;:\n\r\t~。、…'.includes(ch)) return true;
  // Chinese writers use a space as a comma; in English it only separates words.
  if (ch === ' ' && pos > 0) return isCjk(text.charCodeAt(pos - 1));
  return false;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39;
}

interface Modifier {
  start: number;
  factor: number;
}

interface Negation extends Modifier {
  word: string;
}

/** Builds a scorer over the given lexicons (Chinese and English by default). */
export function createSentimentScorer(
  lexicons: readonly SentimentLexicon[] = [ZH_LEXICON, EN_LEXICON],
  degreeIfAdjacent: ReadonlyMap<string, number> = ZH_DEGREE_IF_ADJACENT,
): SentimentScorer {
  const dictionary = buildDictionary(lexicons);

  return (raw: string): SentimentResult => {
    const text = normaliseForAnalysis(raw);
    const hits: SentimentHit[] = [];
    let total = 0;
    let clauseSum = 0;
    let clauseFirstHit = 0;
    let afterContrast = 1;
    let concession = false;
    let wish: { start: number; end: number; weight: number } | undefined;
    let negation: Negation | undefined;
    let negationUnits = 0;
    let degree: Modifier | undefined;
    let degreeUnits = 0;

    const dropNegation = (): void => {
      if (negation !== undefined) {
        clauseSum += UNRESOLVED_NEGATION * afterContrast;
        hits.push({ word: negation.word, weight: UNRESOLVED_NEGATION * afterContrast });
      }
      negation = undefined;
    };
    const resetModifiers = (): void => {
      dropNegation();
      degree = undefined;
    };
    const closeClause = (emphasis: number): void => {
      resetModifiers();
      if (wish !== undefined) {
        // Praise inside a wish (要是能再快一点就更好了) is what the customer did not get.
        for (let h = hits.length - 1; h >= clauseFirstHit; h--) {
          const hit = hits[h] as SentimentHit;
          if (hit.weight > 0) {
            clauseSum -= hit.weight;
            hits.splice(h, 1);
          }
        }
        clauseSum += wish.weight * afterContrast;
        hits.push({ word: text.slice(wish.start, wish.end), weight: wish.weight * afterContrast });
        wish = undefined;
      }
      if (emphasis !== 1) {
        clauseSum *= emphasis;
        for (let h = clauseFirstHit; h < hits.length; h++) (hits[h] as SentimentHit).weight *= emphasis;
      }
      total += clauseSum;
      clauseSum = 0;
      clauseFirstHit = hits.length;
      concession = false;
    };

    let pos = 0;
    while (pos < text.length) {
      if (isClauseBreak(text, pos)) {
        let bangs = 0;
        while (pos < text.length && isClauseBreak(text, pos)) {
          if (text[pos] === '!') bangs++;
          pos++;
        }
        closeClause(bangs === 0 ? 1 : bangs >= 3 ? 1.5 : 1.3);
        continue;
      }
      const match = dictionary.matchAt(text, pos);
      if (match === undefined) {
        const code = text.charCodeAt(pos);
        // Count distance in units: one per Chinese character, one per Latin word.
        if (isCjk(code) || (isAsciiLetter(code) && (pos === 0 || !isAsciiLetter(text.charCodeAt(pos - 1))))) {
          negationUnits++;
          degreeUnits++;
          if (negation !== undefined && negationUnits > NEGATION_WINDOW) dropNegation();
          if (degree !== undefined && degreeUnits > DEGREE_WINDOW) degree = undefined;
        }
        pos++;
        continue;
      }
      const entry = match.value;
      pos = match.end;
      switch (entry.kind) {
        case 'neutral':
          negationUnits++;
          degreeUnits += DEGREE_WINDOW + 1;
          break;
        case 'negator':
          // 不是不好: a second negator cancels the first.
          negation =
            negation === undefined
              ? { start: match.start, factor: entry.factor, word: match.word }
              : undefined;
          negationUnits = 0;
          break;
        case 'degree':
          degree = { start: degree?.start ?? match.start, factor: (degree?.factor ?? 1) * entry.factor };
          degreeUnits = 0;
          break;
        case 'wish':
          wish ??= { start: match.start, end: match.end, weight: entry.weight };
          break;
        case 'concession':
          concession = true;
          resetModifiers();
          break;
        case 'contrast':
          closeClause(1);
          total *= entry.before;
          for (const hit of hits) hit.weight *= entry.before;
          afterContrast = entry.after;
          break;
        case 'sentiment': {
          const adjacent = degreeIfAdjacent.get(match.word);
          if (adjacent !== undefined) {
            const next = dictionary.matchAt(text, match.end);
            if (next !== undefined && next.value.kind === 'sentiment') {
              degree = { start: degree?.start ?? match.start, factor: (degree?.factor ?? 1) * adjacent };
              degreeUnits = 0;
              break;
            }
          }
          const degreeFactor = degree?.factor ?? 1;
          let value: number;
          let spanStart = match.start;
          if (negation !== undefined) {
            const base = entry.weight > 0 ? entry.weight * NEGATED_POSITIVE : entry.weight * NEGATED_NEGATIVE;
            const negationFirst = degree !== undefined && negation.start < degree.start;
            value = base * negation.factor * (negationFirst ? NEGATION_BEFORE_DEGREE : degreeFactor);
            spanStart = Math.min(negation.start, degree?.start ?? negation.start);
          } else {
            value = entry.weight * degreeFactor;
            spanStart = degree?.start ?? match.start;
          }
          value *= afterContrast * (concession ? CONCESSION_FACTOR : 1);
          clauseSum += value;
          hits.push({ word: text.slice(spanStart, match.end), weight: value });
          negation = undefined;
          degree = undefined;
          break;
        }
      }
    }
    closeClause(1);
    for (const hit of hits) hit.weight = Math.round(hit.weight * 1000) / 1000;
    return { score: Math.tanh(total * SQUASH), hits };
  };
}

const defaultScorer = createSentimentScorer();

/**
 * Lexicon sentiment of a Chinese or English text, −1..1, with the words that
 * moved it. Pure and fast (no model): negation, degree words, contrast and
 * exclamation marks adjust each word's weight; the sum is squashed with tanh.
 *
 * @example scoreSentiment('东西不错但是送得太慢了').score < 0
 */
export function scoreSentiment(text: string): SentimentResult {
  return defaultScorer(text);
}
