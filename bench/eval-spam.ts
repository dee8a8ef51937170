/**
 * Evaluates the learned spam score (src/rules/spam) on public labelled SMS sets in
 * ../shared/data/spam (see ../shared/data/README.md): a fixed-seed, stratified 80/20 split per
 * language, trained on 80 %, measured on 20 % at threshold 0.5, with a majority-class baseline
 * from the same run. Writes bench/results/spam.json and prints a table.
 *
 *   npx tsx bench/eval-spam.ts          # evaluate on the held-out 20 %
 *   npx tsx bench/eval-spam.ts --tune   # grid over options on a validation split of the 80 %
 *
 * The data and any model trained on it stay out of the repository (licences not stated); only
 * aggregate figures are written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createSpamModel,
  type SpamModel,
  type SpamModelOptions,
  serialize,
  spamScore,
  stats,
  train,
} from '../src/rules/spam/model.js';
import { type LabelledText, parseLabelledFile } from '../src/rules/spam/train-file.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SEED = 20_240_601;
const TRAIN_SHARE = 0.8;
const THRESHOLD = 0.5;

const DATASETS = [
  { name: 'zh_sms_7000', language: 'zh', path: '../shared/data/spam/zh_sms_7000.tsv' },
  { name: 'en_sms_uci', language: 'en', path: '../shared/data/spam/en_sms_uci.tsv' },
] as const;

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Stratified split: each class shuffled (Fisher–Yates) and cut at `share` on its own. */
function stratifiedSplit(
  rows: readonly LabelledText[],
  share: number,
  seed: number,
): { train: LabelledText[]; test: LabelledText[] } {
  const random = mulberry32(seed);
  const train: LabelledText[] = [];
  const test: LabelledText[] = [];
  for (const label of ['spam', 'ham'] as const) {
    const cls = rows.filter((r) => r.label === label);
    for (let i = cls.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = cls[i] as LabelledText;
      cls[i] = cls[j] as LabelledText;
      cls[j] = tmp;
    }
    const cut = Math.round(cls.length * share);
    train.push(...cls.slice(0, cut));
    test.push(...cls.slice(cut));
  }
  return { train, test };
}

interface Metrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  /** Mean squared error of the score as a probability: how honest the 0..1 value is. */
  brier: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

function evaluate(model: SpamModel, rows: readonly LabelledText[]): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let brier = 0;
  for (const row of rows) {
    const score = spamScore(model, row.text);
    const isSpam = row.label === 'spam';
    const flagged = score > THRESHOLD;
    if (flagged && isSpam) tp++;
    else if (flagged) fp++;
    else if (isSpam) fn++;
    else tn++;
    brier += (score - (isSpam ? 1 : 0)) ** 2;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    precision,
    recall,
    f1,
    accuracy: (tp + tn) / rows.length,
    brier: brier / rows.length,
    tp,
    fp,
    fn,
    tn,
  };
}

function trainAll(
  rows: readonly LabelledText[],
  options: SpamModelOptions,
): { model: SpamModel; ms: number } {
  const model = createSpamModel(options);
  const start = performance.now();
  for (const row of rows) train(model, row.text, row.label);
  return { model, ms: performance.now() - start };
}

/** Scores per second over `texts`, after a warm-up, over at least ~0.5 s. */
function scoringThroughput(model: SpamModel, texts: readonly string[]): number {
  let sink = 0;
  for (const t of texts.slice(0, 2000)) sink += spamScore(model, t);
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < 500) {
    for (const t of texts) sink += spamScore(model, t);
    n += texts.length;
    elapsed = performance.now() - start;
  }
  if (Number.isNaN(sink)) throw new Error('NaN score');
  return (n / elapsed) * 1000;
}

/** 100-character texts made on the fly by joining consecutive held-out messages. */
function texts100(rows: readonly LabelledText[]): string[] {
  const out: string[] = [];
  let acc = '';
  for (const row of rows) {
    acc += `${row.text} `;
    if (acc.length >= 100) {
      out.push(acc.slice(0, 100));
      acc = '';
    }
  }
  return out;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const rate = (x: number): string => `${Math.round(x).toLocaleString('en-US')}/s`;

function load(): { name: string; language: string; path: string; rows: LabelledText[] }[] {
  const found = [];
  for (const ds of DATASETS) {
    const path = resolve(repoRoot, ds.path);
    if (!existsSync(path)) {
      console.log(`${ds.path}: shared data not found, skipping`);
      continue;
    }
    found.push({ ...ds, rows: parseLabelledFile(readFileSync(path, 'utf8')) });
  }
  return found;
}

function tune(datasets: ReturnType<typeof load>): void {
  // Validation split carved from the training part only; the 20 % test part is never looked at.
  const grid: SpamModelOptions[] = [];
  for (const alpha of [0.1, 0.5, 1]) {
    for (const temperature of [1, 4, 8, 16]) {
      for (const prior of ['learned', 'uniform'] as const) grid.push({ alpha, temperature, prior });
    }
  }
  for (const ds of datasets) {
    const { train: trainPart } = stratifiedSplit(ds.rows, TRAIN_SHARE, SEED);
    const { train: fit, test: validation } = stratifiedSplit(trainPart, 0.75, SEED + 1);
    console.log(`\n${ds.name}: fit ${fit.length}, validation ${validation.length}`);
    console.log('alpha  temp  prior     P       R       F1      acc     brier');
    for (const options of grid) {
      const { model } = trainAll(fit, options);
      const m = evaluate(model, validation);
      console.log(
        `${String(options.alpha).padEnd(6)} ${String(options.temperature).padEnd(5)} ${String(options.prior).padEnd(9)} ${pct(m.precision).padEnd(7)} ${pct(m.recall).padEnd(7)} ${pct(m.f1).padEnd(7)} ${pct(m.accuracy).padEnd(7)} ${m.brier.toFixed(4)}`,
      );
    }
  }
}

function main(): void {
  const datasets = load();
  if (datasets.length === 0) {
    console.log('shared data not found, skipping');
    return;
  }
  if (process.argv.includes('--tune')) {
    tune(datasets);
    return;
  }

  const results = [];
  for (const ds of datasets) {
    const { train: trainRows, test: testRows } = stratifiedSplit(ds.rows, TRAIN_SHARE, SEED);
    const { model, ms } = trainAll(trainRows, {});
    const metrics = evaluate(model, testRows);
    // Same split, uniform prior (no class balance): what a team that distrusts its marks' balance gets.
    const uniform = evaluate(trainAll(trainRows, { prior: 'uniform' }).model, testRows);
    const testHam = testRows.filter((r) => r.label === 'ham').length;
    const short = texts100(testRows);
    results.push({
      dataset: ds.name,
      language: ds.language,
      rows: ds.rows.length,
      train: { rows: trainRows.length, spam: trainRows.filter((r) => r.label === 'spam').length },
      test: { rows: testRows.length, spam: testRows.length - testHam },
      options: model.options,
      metrics,
      variants: { priorUniform: uniform },
      baseline: { name: 'always ham (majority class)', accuracy: testHam / testRows.length, f1: 0 },
      model: { ...stats(model), serialisedBytes: serialize(model).length },
      throughput: {
        trainDocsPerSecond: (trainRows.length / ms) * 1000,
        scoresPerSecond: scoringThroughput(
          model,
          testRows.map((r) => r.text),
        ),
        scoresPerSecond100Chars: scoringThroughput(model, short),
        meanTestChars: testRows.reduce((n, r) => n + r.text.length, 0) / testRows.length,
      },
    });
  }

  const command = 'npx tsx bench/eval-spam.ts';
  const report = {
    datasets: datasets.map((d) => ({ name: d.name, path: d.path, rows: d.rows.length })),
    split: {
      kind: 'stratified by label',
      train: TRAIN_SHARE,
      test: Math.round((1 - TRAIN_SHARE) * 100) / 100,
      prng: 'mulberry32',
    },
    seed: SEED,
    threshold: THRESHOLD,
    metrics: results,
    command,
    date: new Date().toISOString(),
    node: process.version,
  };
  const outDir = resolve(repoRoot, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, 'spam.json'), `${JSON.stringify(report, null, 2)}\n`);

  console.log(
    `split: stratified ${TRAIN_SHARE * 100}/${Math.round((1 - TRAIN_SHARE) * 100)}, seed ${SEED}, threshold ${THRESHOLD}\n`,
  );
  const header = [
    'dataset',
    'train/test',
    'P',
    'R',
    'F1',
    'acc',
    'baseline acc',
    'brier',
    'P/R/F1 (uniform prior)',
  ];
  const table = results.map((r) => [
    r.dataset,
    `${r.train.rows}/${r.test.rows}`,
    pct(r.metrics.precision),
    pct(r.metrics.recall),
    pct(r.metrics.f1),
    pct(r.metrics.accuracy),
    pct(r.baseline.accuracy),
    r.metrics.brier.toFixed(4),
    `${pct(r.variants.priorUniform.precision)}/${pct(r.variants.priorUniform.recall)}/${pct(r.variants.priorUniform.f1)}`,
  ]);
  printTable(header, table);
  console.log();
  printTable(
    ['dataset', 'train docs', 'score (test texts)', 'score (100 chars)', 'vocabulary', 'serialised'],
    results.map((r) => [
      r.dataset,
      rate(r.throughput.trainDocsPerSecond),
      rate(r.throughput.scoresPerSecond),
      rate(r.throughput.scoresPerSecond100Chars),
      r.model.vocabulary.toLocaleString('en-US'),
      `${Math.round(r.model.serialisedBytes / 1024)} KiB`,
    ]),
  );
  console.log(`\nwrote bench/results/spam.json (${command})`);
}

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

main();
