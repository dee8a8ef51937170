import { DEFAULT_CATEGORY_KEYWORDS, KEYWORD_CATEGORIES } from './analysis/analyze.js';
import { Dictionary } from './analysis/dictionary.js';
import { compactForKeywords, normaliseForAnalysis } from './analysis/normalise.js';

// The analyser counts category keywords but does not say which; surges want the words.
const keywords = new Dictionary(
  KEYWORD_CATEGORIES.flatMap((c) =>
    DEFAULT_CATEGORY_KEYWORDS[c].map((w) => [compactForKeywords(normaliseForAnalysis(w)), w] as const),
  ),
);

/** Topic words of a complaint for surge detection: its risk words and the category keywords found. */
export function topicWords(text: string, riskWords: readonly string[]): string[] {
  const found = new Set(riskWords);
  for (const m of keywords.scan(compactForKeywords(normaliseForAnalysis(text)))) found.add(m.value);
  return [...found];
}
