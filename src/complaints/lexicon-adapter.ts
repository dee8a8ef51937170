import {
  createTextAnalyzer,
  KEYWORD_CATEGORIES,
  type KeywordCategory,
  type TextAnalysis,
} from './analysis/analyze.js';
import type { SignalKind } from './signals.js';

/** A team's changes to the analyser's words (settings `riskWords` and category words). */
export interface LexiconOverrides {
  add: Readonly<Record<SignalKind, readonly string[]>>;
  remove: readonly string[];
  categories: Readonly<Record<KeywordCategory, readonly string[]>>;
}

/** The one place settings reach the analyser: the team's words on top of the default lexicon. */
export function analyzeWithLexicon(o: LexiconOverrides): (text: string) => TextAnalysis {
  const categoryKeywords = {} as Record<KeywordCategory, readonly string[]>;
  for (const c of KEYWORD_CATEGORIES) categoryKeywords[c] = o.categories[c] ?? [];
  return createTextAnalyzer({ lexicon: { add: o.add, remove: o.remove }, categoryKeywords });
}
