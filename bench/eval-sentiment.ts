/**
 * Sentiment evaluation on public labelled Chinese reviews (waimai_10k, food
 * delivery). Shuffles with a fixed seed, splits 80/20, chooses the decision
 * threshold on the 80 % development split only, and reports accuracy and
 * macro-F1 on the untouched 20 % test split. Also measures throughput.
 *
 *   npx tsx bench/eval-sentiment.ts            # evaluate, write bench/results/sentiment.json
 *   npx tsx bench/eval-sentiment.ts --errors   # also list development-split mistakes (for lexicon work)
 *
 * The data is read from ../shared/data and never copied into the repository
 * (its licence is not stated).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { analyzeText } from '../src/complaints/analysis/analyze.js';
import { scoreSentiment } from '../src/complaints/analysis/sentiment.js';
import { seededRandom } from '../src/core/hash.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataPath = resolve(repoRoot, '../shared/data/sentiment/waimai_10k.csv');
const resultPath = resolve(repoRoot, 'bench/results/sentiment.json');
const SEED = 20251123;
const TEST_FRACTION = 0.2;

interface Example {
  label: 0 | 1;
  text: string;
}

interface ClassFigures {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function figures(labels: readonly number[], predicted: readonly number[]) {
  const perClass: Record<string, ClassFigures> = {};
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) correct++;
  for (const [cls, name] of [
    [0, 'negative'],
    [1, 'positive'],
  ] as const) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < labels.length; i++) {
      if (predicted[i] === cls && labels[i] === cls) tp++;
      else if (predicted[i] === cls) fp++;
      else if (labels[i] === cls) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[name] = { precision, recall, f1, support: tp + fn };
  }
  const macroF1 = Object.values(perClass).reduce((sum, c) => sum + c.f1, 0) / 2;
  return { accuracy: correct / labels.length, macroF1, perClass };
}

/** Texts per second over several passes, after a warm-up pass. */
function throughput(texts: readonly string[], run: (text: string) => number): number {
  let sink = 0;
  for (const t of texts) sink += run(t);
  const passes = 5;
  const started = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const t of texts) sink += run(t);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Using the sum keeps the work from being optimised away.
  if (Number.isNaN(sink)) throw new Error('a score was NaN');
  return Math.round((passes * texts.length) / seconds);
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function main(): void {
  if (!existsSync(dataPath)) {
    console.log(`shared data not found, skipping (looked for ${dataPath})`);
    return;
  }
  const rows = parse(readFileSync(dataPath, 'utf8'), { columns: true, skip_empty_lines: true }) as {
    label: string;
    review: string;
  }[];
  const examples: Example[] = rows
    .filter((r) => r.label === '0' || r.label === '1')
    .map((r) => ({ label: r.label === '1' ? 1 : 0, text: r.review }));
  const shuffled = shuffle(examples, seededRandom(SEED));
  const testSize = Math.round(shuffled.length * TEST_FRACTION);
  const test = shuffled.slice(0, testSize);
  const dev = shuffled.slice(testSize);

  // Threshold: the one with the best development macro-F1 (accuracy alone would
  // reward calling everything negative on this 2:1 set). Ties go to the one nearest 0.
  const devScores = dev.map((e) => scoreSentiment(e.text).score);
  const devLabels = dev.map((e) => e.label);
  let threshold = 0;
  let best = -1;
  for (let step = -50; step <= 50; step++) {
    const t = step / 100 - 0.005; // between grid points, so a score of exactly 0 is never "on" the line
    const f = figures(
      devLabels,
      devScores.map((s) => (s > t ? 1 : 0)),
    ).macroF1;
    if (f > best + 1e-9 || (Math.abs(f - best) <= 1e-9 && Math.abs(t) < Math.abs(threshold))) {
      best = f;
      threshold = t;
    }
  }
  const devFigures = figures(
    devLabels,
    devScores.map((s) => (s > threshold ? 1 : 0)),
  );

  if (process.argv.includes('--errors')) {
    for (let i = 0; i < dev.length; i++) {
      const predicted = (devScores[i] as number) > threshold ? 1 : 0;
      const example = dev[i] as Example;
      if (predicted !== example.label)
        console.log(`${example.label} ${(devScores[i] as number).toFixed(2)} ${example.text}`);
    }
  }

  const testScores = test.map((e) => scoreSentiment(e.text).score);
  const testFigures = figures(
    test.map((e) => e.label),
    testScores.map((s) => (s > threshold ? 1 : 0)),
  );
  const majority = figures(
    test.map((e) => e.label),
    test.map(() => 0),
  );

  // Throughput over every text, several passes, after a warm-up pass.
  const texts = examples.map((e) => e.text);
  const textsPerSecond = throughput(texts, (t) => scoreSentiment(t).score);
  const analyzePerSecond = throughput(texts, (t) => analyzeText(t).sentiment);
  const meanChars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);

  const command = 'npx tsx bench/eval-sentiment.ts';
  const result = {
    dataset: 'waimai_10k (SophonPlus/ChineseNlpCorpus), ../shared/data/sentiment/waimai_10k.csv',
    split: `seeded shuffle, ${Math.round((1 - TEST_FRACTION) * 100)}/${Math.round(TEST_FRACTION * 100)} dev/test; threshold chosen on dev (max macro-F1), figures on test`,
    seed: SEED,
    threshold: round(threshold),
    n: { total: examples.length, dev: dev.length, test: test.length },
    accuracy: round(testFigures.accuracy),
    macroF1: round(testFigures.macroF1),
    perClass: Object.fromEntries(
      Object.entries(testFigures.perClass).map(([k, c]) => [
        k,
        { precision: round(c.precision), recall: round(c.recall), f1: round(c.f1), support: c.support },
      ]),
    ),
    dev: { accuracy: round(devFigures.accuracy), macroF1: round(devFigures.macroF1) },
    baselineMajorityClass: { accuracy: round(majority.accuracy), macroF1: round(majority.macroF1) },
    throughput: {
      scoreSentiment: textsPerSecond,
      analyzeText: analyzePerSecond,
      meanChars,
      node: process.version,
    },
    command,
    date: new Date().toISOString(),
  };
  mkdirSync(dirname(resultPath), { recursive: true });
  writeFileSync(resultPath, `${JSON.stringify(result, null, 2)}\n`);

  console.log(`sentiment on ${result.dataset}`);
  console.log(
    `seed ${SEED}, dev ${dev.length}, test ${test.length}, threshold ${result.threshold} (score > t → positive)`,
  );
  console.table({
    'lexicon (test)': { accuracy: result.accuracy, macroF1: result.macroF1 },
    'lexicon (dev)': result.dev,
    'majority class (test)': result.baselineMajorityClass,
  });
  console.table(result.perClass);
  console.log(
    `throughput (texts/s, mean ${meanChars} chars): scoreSentiment ${textsPerSecond.toLocaleString('en')}, analyzeText ${analyzePerSecond.toLocaleString('en')}`,
  );
  console.log(`wrote ${relative(repoRoot, resultPath)}`);
}

main();
