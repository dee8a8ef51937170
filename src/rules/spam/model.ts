import { WardenError } from '../../core/errors.js';
import { extractFeatures, FEATURE_VERSION } from './features.js';

/**
 * Warden's learned spam score: multinomial naive Bayes over hashed n-gram features
 * (see features.ts), trained one agent mark at a time.
 *
 * The model is two fixed-size count tables (spam, ham) of 2^bits buckets plus document and
 * token totals, so its size does not grow with traffic, training and untraining are exact
 * integer updates, and it serialises to a compact JSON string for the database.
 *
 * @example
 *   const model = createSpamModel();
 *   train(model, '恭喜您获得xxx元红包，点击领取', 'spam');   // a `spam` mark
 *   train(model, '我的快递什么时候到？', 'ham');              // a `not_spam` mark
 *   spamScore(model, '点击领取红包');                         // 0.5 until each class has minDocsPerClass
 */

export type SpamLabel = 'spam' | 'ham';

export interface SpamModelOptions {
  /** Buckets = 2^bits (10–24). Default 18: 2 × 1 MiB of counts in memory, far less serialised. */
  bits?: number;
  /** Additive (Lidstone) smoothing of per-bucket counts. Default 0.5; see DEFAULTS. */
  alpha?: number;
  /**
   * Fewer documents than this in either class and the model has no opinion: `spamScore`
   * returns NEUTRAL_SPAM_SCORE. Default 5.
   */
  minDocsPerClass?: number;
  /**
   * The prior share of spam. `learned` (default) takes it from the documents trained, which is
   * right when they are a sample of traffic (an imported labelled file) and best on the public
   * sets. Agents' marks are not such a sample (they mark what they notice: spam that got
   * through, ham wrongly flagged), so a team whose marks are mostly `spam` can pin the share
   * with a number in (0, 1), e.g. 0.1, or use `uniform` (0.5), which favours recall over
   * precision.
   */
  prior?: 'uniform' | 'learned' | number;
  /**
   * The summed log-likelihood ratio is divided by this before squashing. Overlapping n-grams
   * count the same evidence several times, which makes raw naive Bayes wildly overconfident;
   * dividing by about the number of features per character pulls scores back toward honest
   * probabilities, and it lets the prior weigh in. Under a uniform prior it does not move the
   * 0.5 boundary. Default 8 (about the number of features per character of Latin text).
   */
  temperature?: number;
}

export interface SpamModel {
  readonly bits: number;
  readonly options: Readonly<Required<SpamModelOptions>>;
  /** Per-bucket feature counts in spam / ham documents. */
  readonly spamCounts: Uint32Array;
  readonly hamCounts: Uint32Array;
  readonly docs: { spam: number; ham: number };
  /** Sum of each count table. */
  readonly tokens: { spam: number; ham: number };
  /** Buckets with a non-zero count in either class: the vocabulary V of the smoothing. */
  vocabulary: number;
}

export interface SpamModelStats {
  docs: { spam: number; ham: number };
  tokens: { spam: number; ham: number };
  /** Buckets in use (non-zero in either class). */
  vocabulary: number;
  buckets: number;
  /** True when `spamScore` gives an opinion rather than the neutral score. */
  ready: boolean;
}

/** The score of a model that has not seen enough marks: "no opinion", below any spam threshold. */
export const NEUTRAL_SPAM_SCORE = 0.5;

// Defaults chosen on a validation split carved from the training part of the public SMS sets
// (bench/eval-spam.ts), never on the held-out test part.
const DEFAULTS: Required<SpamModelOptions> = {
  bits: 18,
  alpha: 0.5,
  minDocsPerClass: 5,
  prior: 'learned',
  temperature: 8,
};

function resolveOptions(options: SpamModelOptions): Required<SpamModelOptions> {
  const o = { ...DEFAULTS, ...stripUndefined(options) };
  if (!Number.isInteger(o.bits) || o.bits < 10 || o.bits > 24) {
    throw new RangeError(`spam model bits must be an integer 10–24, got ${o.bits}`);
  }
  if (!(o.alpha > 0) || !Number.isFinite(o.alpha)) throw new RangeError('spam model alpha must be > 0');
  if (!(o.temperature > 0) || !Number.isFinite(o.temperature)) {
    throw new RangeError('spam model temperature must be > 0');
  }
  if (!Number.isInteger(o.minDocsPerClass) || o.minDocsPerClass < 1) {
    throw new RangeError('spam model minDocsPerClass must be an integer ≥ 1');
  }
  if (
    o.prior !== 'uniform' &&
    o.prior !== 'learned' &&
    !(typeof o.prior === 'number' && o.prior > 0 && o.prior < 1)
  ) {
    throw new RangeError(`spam model prior must be 'uniform', 'learned' or a share in (0, 1)`);
  }
  return o;
}

function stripUndefined(options: SpamModelOptions): SpamModelOptions {
  const out: SpamModelOptions = {};
  for (const [k, v] of Object.entries(options)) {
    if (v !== undefined) Object.assign(out, { [k]: v });
  }
  return out;
}

export function createSpamModel(options: SpamModelOptions = {}): SpamModel {
  const o = Object.freeze(resolveOptions(options));
  const size = 1 << o.bits;
  return {
    bits: o.bits,
    options: o,
    spamCounts: new Uint32Array(size),
    hamCounts: new Uint32Array(size),
    docs: { spam: 0, ham: 0 },
    tokens: { spam: 0, ham: 0 },
    vocabulary: 0,
  };
}

/** Learns one marked message. */
export function train(model: SpamModel, text: string, label: SpamLabel): void {
  const { buckets, count } = extractFeatures(text, model.bits);
  const mine = label === 'spam' ? model.spamCounts : model.hamCounts;
  const other = label === 'spam' ? model.hamCounts : model.spamCounts;
  for (let i = 0; i < count; i++) {
    const b = buckets[i] ?? 0;
    const before = mine[b] ?? 0;
    if (before === 0 && (other[b] ?? 0) === 0) model.vocabulary++;
    mine[b] = before + 1;
  }
  model.tokens[label] += count;
  model.docs[label] += 1;
}

/**
 * Forgets one message learned earlier with `train(model, text, label)`, e.g. when an agent
 * corrects a mark (untrain as spam, train as ham). Exact: train then untrain leaves every count
 * as it was. Returns false and changes nothing when the model cannot have learned this text with
 * this label (a count would go negative).
 */
export function untrain(model: SpamModel, text: string, label: SpamLabel): boolean {
  if (model.docs[label] === 0) return false;
  const { buckets, count } = extractFeatures(text, model.bits);
  const mine = label === 'spam' ? model.spamCounts : model.hamCounts;
  const other = label === 'spam' ? model.hamCounts : model.spamCounts;
  // A bucket reaches zero exactly once (on its last decrement), so buckets leaving the
  // vocabulary can be counted on the way.
  let freed = 0;
  for (let i = 0; i < count; i++) {
    const b = buckets[i] ?? 0;
    const before = mine[b] ?? 0;
    if (before === 0) {
      // Roll back what this call already took away.
      for (let j = i - 1; j >= 0; j--) {
        const r = buckets[j] ?? 0;
        mine[r] = (mine[r] ?? 0) + 1;
      }
      return false;
    }
    mine[b] = before - 1;
    if (before === 1 && (other[b] ?? 0) === 0) freed++;
  }
  model.vocabulary -= freed;
  model.tokens[label] -= count;
  model.docs[label] -= 1;
  return true;
}

const isReady = (model: SpamModel): boolean =>
  model.docs.spam >= model.options.minDocsPerClass && model.docs.ham >= model.options.minDocsPerClass;

/**
 * Probability-like spam score in [0, 1]: the naive Bayes log-odds, divided by the temperature,
 * through the logistic function. NEUTRAL_SPAM_SCORE (0.5) while either class has fewer than
 * `minDocsPerClass` documents. Buckets the model never saw carry no evidence and are skipped, so
 * a text of only unseen n-grams (or an empty text) scores the prior share of spam.
 */
export function spamScore(model: SpamModel, text: string): number {
  if (!isReady(model)) return NEUTRAL_SPAM_SCORE;
  const { alpha, prior, temperature } = model.options;
  const { buckets, count } = extractFeatures(text, model.bits);
  const spam = model.spamCounts;
  const ham = model.hamCounts;
  let llr = 0;
  let known = 0;
  for (let i = 0; i < count; i++) {
    const b = buckets[i] ?? 0;
    const s = spam[b] ?? 0;
    const h = ham[b] ?? 0;
    if (s === 0 && h === 0) continue;
    // One log per feature: the class denominators are folded in once below.
    llr += Math.log((s + alpha) / (h + alpha));
    known++;
  }
  const v = model.vocabulary;
  llr += known * Math.log((model.tokens.ham + alpha * v) / (model.tokens.spam + alpha * v));
  let logit = llr / temperature;
  if (prior === 'learned') logit += Math.log(model.docs.spam / model.docs.ham);
  else if (typeof prior === 'number') logit += Math.log(prior / (1 - prior));
  return 1 / (1 + Math.exp(-logit));
}

export function stats(model: SpamModel): SpamModelStats {
  return {
    docs: { ...model.docs },
    tokens: { ...model.tokens },
    vocabulary: model.vocabulary,
    buckets: model.spamCounts.length,
    ready: isReady(model),
  };
}

// --- serialisation --------------------------------------------------------------------------

const FORMAT = 'warden-spam-nb';
const FORMAT_VERSION = 1;

interface SerialisedSpamModel {
  format: typeof FORMAT;
  version: number;
  featureVersion: number;
  options: Required<SpamModelOptions>;
  docs: { spam: number; ham: number };
  tokens: { spam: number; ham: number };
  vocabulary: number;
  /** base64 of LEB128 varints: for each used bucket, index delta, spam count, ham count. */
  counts: string;
}

/**
 * A JSON string holding the options and the non-zero buckets only (sparse, about 4 base64 bytes
 * per used bucket): a few hundred marks make tens of kilobytes, 5,000 SMS about 500 kB, and the
 * ceiling is set by `bits`, not by traffic. Deterministic: equal models give equal strings.
 */
export function serialize(model: SpamModel): string {
  const spam = model.spamCounts;
  const ham = model.hamCounts;
  const out: number[] = [];
  const varint = (input: number): void => {
    let x = input;
    while (x >= 0x80) {
      out.push((x & 0x7f) | 0x80);
      x = Math.floor(x / 128);
    }
    out.push(x);
  };
  let last = 0;
  for (let b = 0; b < spam.length; b++) {
    const s = spam[b] ?? 0;
    const h = ham[b] ?? 0;
    if (s === 0 && h === 0) continue;
    varint(b - last);
    varint(s);
    varint(h);
    last = b;
  }
  const body: SerialisedSpamModel = {
    format: FORMAT,
    version: FORMAT_VERSION,
    featureVersion: FEATURE_VERSION,
    options: { ...model.options },
    docs: { ...model.docs },
    tokens: { ...model.tokens },
    vocabulary: model.vocabulary,
    counts: Buffer.from(out).toString('base64'),
  };
  return JSON.stringify(body);
}

const invalid = (detail: string): WardenError =>
  new WardenError('VALIDATION_FAILED', `Not a valid spam model: ${detail}`);

/**
 * Rebuilds a model from `serialize` output. Throws VALIDATION_FAILED for anything else,
 * including a model written by a different feature version (its buckets would mean other
 * n-grams: retrain from the stored marks).
 */
export function deserialize(serialised: string): SpamModel {
  let parsed: unknown;
  try {
    parsed = JSON.parse(serialised);
  } catch {
    throw invalid('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw invalid('not an object');
  const body = parsed as Partial<SerialisedSpamModel>;
  if (body.format !== FORMAT || body.version !== FORMAT_VERSION) throw invalid('unknown format or version');
  if (body.featureVersion !== FEATURE_VERSION) {
    throw invalid(`trained with feature version ${String(body.featureVersion)}, this is ${FEATURE_VERSION}`);
  }
  if (typeof body.counts !== 'string' || typeof body.options !== 'object' || body.options === null) {
    throw invalid('missing counts or options');
  }
  let model: SpamModel;
  try {
    model = createSpamModel(body.options);
  } catch (e) {
    throw invalid(e instanceof Error ? e.message : 'bad options');
  }
  const bytes = Buffer.from(body.counts, 'base64');
  let pos = 0;
  const readVarint = (): number => {
    let x = 0;
    let scale = 1;
    for (;;) {
      if (pos >= bytes.length) throw invalid('truncated counts');
      const byte = bytes[pos++] ?? 0;
      x += (byte & 0x7f) * scale;
      if (byte < 0x80) return x;
      scale *= 128;
      if (scale > 2 ** 35) throw invalid('count too large');
    }
  };
  const size = model.spamCounts.length;
  let b = 0;
  let first = true;
  let vocabulary = 0;
  let spamTokens = 0;
  let hamTokens = 0;
  while (pos < bytes.length) {
    const delta = readVarint();
    if (!first && delta === 0) throw invalid('repeated bucket');
    b += delta;
    first = false;
    const s = readVarint();
    const h = readVarint();
    if (b >= size || s > 0xffffffff || h > 0xffffffff || (s === 0 && h === 0)) throw invalid('bad bucket');
    model.spamCounts[b] = s;
    model.hamCounts[b] = h;
    vocabulary++;
    spamTokens += s;
    hamTokens += h;
  }
  const docs = body.docs;
  const tokens = body.tokens;
  if (
    !docs ||
    !tokens ||
    !isCount(docs.spam) ||
    !isCount(docs.ham) ||
    tokens.spam !== spamTokens ||
    tokens.ham !== hamTokens ||
    body.vocabulary !== vocabulary
  ) {
    throw invalid('totals do not match the counts');
  }
  model.docs.spam = docs.spam;
  model.docs.ham = docs.ham;
  model.tokens.spam = spamTokens;
  model.tokens.ham = hamTokens;
  model.vocabulary = vocabulary;
  return model;
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
