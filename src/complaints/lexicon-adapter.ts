import { createTextAnalyzer, type TextAnalysis } from './analysis/analyze.js';
import type { SignalKind } from './signals.js';

/** A team's changes to the analyser's words (settings `riskWords` and category words). */
export interface LexiconOverrides {
  add: Readonly<Record<SignalKind, readonly string[]>>;
  remove: readonly string[];
  /** Words per enabled category (built-in or a team's own); a disabled category is left out. */
  categories: Readonly<Record<string, readonly string[]>>;
}

/** The one place settings reach the analyser: the team's words on top of the default lexicon. */
export function analyzeWithLexicon(o: LexiconOverrides): (text: string) => TextAnalysis {
  return createTextAnalyzer({ lexicon: { add: o.add, remove: o.remove }, categoryKeywords: o.categories });
}
