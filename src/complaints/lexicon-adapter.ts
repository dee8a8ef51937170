import {
  createTextAnalyzer,
  DEFAULT_ANALYSIS_CONFIG,
  KEYWORD_CATEGORIES,
  type KeywordCategory,
  type TextAnalysis,
} from './analysis/analyze.js';
import { type SignalKind, signalKinds } from './signals.js';

/** A team's changes to the analyser's words (settings `riskWords` and category words). */
export interface LexiconOverrides {
  add: Readonly<Record<SignalKind, readonly string[]>>;
  remove: readonly string[];
  categories: Readonly<Record<KeywordCategory, readonly string[]>>;
}

/**
 * The one place settings reach the analyser. Today's analyser takes flat word
 * lists, so every added signal word becomes a risk word and removed words
 * leave both risk words and intent phrases. When the analyser takes
 * `{lexicon: {add, remove}}` itself, this becomes a call of it.
 */
export function analyzeWithLexicon(o: LexiconOverrides): (text: string) => TextAnalysis {
  const removed = new Set(o.remove.map((w) => w.toLowerCase()));
  const keep = (w: string) => !removed.has(w.toLowerCase());
  const added = signalKinds.flatMap((k) => o.add[k] ?? []);
  const categoryKeywords = {} as Record<KeywordCategory, readonly string[]>;
  for (const c of KEYWORD_CATEGORIES) categoryKeywords[c] = o.categories[c] ?? [];
  return createTextAnalyzer({
    riskWords: [...new Set([...DEFAULT_ANALYSIS_CONFIG.riskWords, ...added])].filter(keep),
    intentPhrases: DEFAULT_ANALYSIS_CONFIG.intentPhrases.filter(keep),
    categoryKeywords,
  });
}
