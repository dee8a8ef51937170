import { fmix32 } from '../../core/hash.js';
/**
 * A small complaint classifier: logistic regression over hashed n-grams,
 * trained by scripts/train-complaints.ts on the "dev" rows of
 * bench/corpus/complaint-dev.tsv only (weights in model-weights.json).
 *
 * Features, read from the analysis-normalised text (simplified, lower case,
 * full-width folded): the text is cut into tokens, each CJK character one
 * token, each Latin word or number one token; punctuation ends a clause.
 * Token 1-, 2- and 3-grams inside a clause are hashed into 2^BITS buckets,
 * plus one bias feature. Values are 1/sqrt(number of n-grams) so a long text
 * does not outvote a short one by length alone.
 */

export const MODEL_BITS = 16;
export const MODEL_SIZE = 1 << MODEL_BITS;
const MASK = MODEL_SIZE - 1;
const MAX_TOKENS = 512;

const isCjk = (c: number) => c >= 0x3400 && c <= 0x9fff;
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;

// Reused across calls: the analyser is synchronous, so one buffer is enough.
const tokens = new Int32Array(MAX_TOKENS);
const clauseEnds = new Uint8Array(MAX_TOKENS);

function mix(h: number, v: number): number {
  // FNV-1a style, on 32-bit values.
  return Math.imul(h ^ v, 0x01000193) >>> 0;
}

/** Tokens of `normalised` into the shared buffer; returns how many. A token is a hash; clauseEnds[i] = 1 when a break follows token i. */
function tokenise(normalised: string): number {
  let n = 0;
  const len = normalised.length;
  let i = 0;
  while (i < len && n < MAX_TOKENS) {
    const c = normalised.charCodeAt(i);
    if (isCjk(c)) {
      tokens[n] = mix(0x811c9dc5, c);
      clauseEnds[n] = 0;
      n++;
      i++;
    } else if (isWordChar(c)) {
      let h = 0x9747b28c;
      while (i < len && isWordChar(normalised.charCodeAt(i))) {
        h = mix(h, normalised.charCodeAt(i));
        i++;
      }
      tokens[n] = h;
      clauseEnds[n] = 0;
      n++;
    } else {
      // Spaces separate words; anything else (punctuation, emoji) ends a clause.
      if (n > 0 && c !== 32) clauseEnds[n - 1] = 1;
      i++;
    }
  }
  if (n > 0) clauseEnds[n - 1] = 1;
  return n;
}

/**
 * Calls `visit(bucket)` for every hashed n-gram of the text and returns the
 * count. Used by training and by `complaintLogit` (which inlines the same walk).
 */
export function forEachFeature(normalised: string, visit: (bucket: number) => void): number {
  const n = tokenise(normalised);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t1 = tokens[i] as number;
    visit(fmix32(mix(1, t1)) & MASK);
    count++;
    if (clauseEnds[i] === 1 || i + 1 >= n) continue;
    const h2 = mix(mix(2, t1), tokens[i + 1] as number);
    visit(fmix32(h2) & MASK);
    count++;
    if (clauseEnds[i + 1] === 1 || i + 2 >= n) continue;
    visit(fmix32(mix(mix(3, h2), tokens[i + 2] as number)) & MASK);
    count++;
  }
  return count;
}

/** The feature buckets of a text, in order (duplicates kept). For tests and training. */
export function features(normalised: string): number[] {
  const out: number[] = [];
  forEachFeature(normalised, (b) => out.push(b));
  return out;
}

export interface ComplaintModel {
  /** Weight per bucket. */
  weights: Float64Array;
  bias: number;
}

/** Weights as stored: sparse, [bucket, weight] pairs. */
export interface StoredModel {
  bits: number;
  bias: number;
  weights: [number, number][];
  trainedOn: string;
}

export function loadModel(stored: StoredModel): ComplaintModel {
  if (stored.bits !== MODEL_BITS)
    throw new Error(`complaint model has ${stored.bits} bits, expected ${MODEL_BITS}`);
  const weights = new Float64Array(MODEL_SIZE);
  for (const [bucket, w] of stored.weights) weights[bucket] = w;
  return { weights, bias: stored.bias };
}

/** Log-odds that `normalised` (see normaliseForAnalysis) is a complaint. */
export function complaintLogit(model: ComplaintModel, normalised: string): number {
  const n = tokenise(normalised);
  if (n === 0) return model.bias;
  const w = model.weights;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const t1 = tokens[i] as number;
    sum += w[fmix32(mix(1, t1)) & MASK] as number;
    count++;
    if (clauseEnds[i] === 1 || i + 1 >= n) continue;
    const h2 = mix(mix(2, t1), tokens[i + 1] as number);
    sum += w[fmix32(h2) & MASK] as number;
    count++;
    if (clauseEnds[i + 1] === 1 || i + 2 >= n) continue;
    sum += w[fmix32(mix(mix(3, h2), tokens[i + 2] as number)) & MASK] as number;
    count++;
  }
  return model.bias + sum / Math.sqrt(count);
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability that `normalised` is a complaint. */
export function complaintProbability(model: ComplaintModel, normalised: string): number {
  return sigmoid(complaintLogit(model, normalised));
}
