/**
 * Text preparation for analysis: full-width forms to ASCII, lower case, curly
 * apostrophes to straight ones. Length-preserving except where noted, so match
 * offsets can be shown against what the customer wrote.
 */
export function normaliseForAnalysis(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0);
    } else if (code === 0x3000) {
      out += ' ';
    } else if (code === 0x2019 || code === 0x2018) {
      out += "'";
    } else {
      out += text[i];
    }
  }
  return out.toLowerCase();
}

// Separators someone puts inside a word to dodge a keyword filter: `退 款`, `退-款`, `退*款`.
const EVASION_SEPARATORS = /(?<=[\u3400-\u9fff])[\s\-_.·*~|/\\]+(?=[\u3400-\u9fff])/g;

/** Removes filler between Chinese characters so `退 款` and `退-款` read as `退款`. Not length-preserving. */
export function compactForKeywords(normalised: string): string {
  return normalised.replace(EVASION_SEPARATORS, '');
}
