import { foldForAnalysis } from '../../core/text/normalize.js';

/**
 * Text preparation for analysis, shared with screening's normaliser: full-width
 * forms to ASCII, lower case, traditional Chinese to simplified, curly
 * apostrophes to straight ones; spaces and punctuation kept (they end clauses
 * and mark questions). Length-preserving except for rare compatibility
 * characters (`㎏` → `kg`), so offsets are against the normalised text.
 */
export function normaliseForAnalysis(text: string): string {
  return foldForAnalysis(text);
}

// Separators someone puts inside a word to dodge a keyword filter: `退 款`, `退-款`, `退*款`.
const EVASION_SEPARATORS = /(?<=[\u3400-\u9fff])[\s\-_.·*~|/\\]+(?=[\u3400-\u9fff])/g;

/** Removes filler between Chinese characters so `退 款` and `退-款` read as `退款`. Not length-preserving. */
export function compactForKeywords(normalised: string): string {
  return normalised.replace(EVASION_SEPARATORS, '');
}
