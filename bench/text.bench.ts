// Quality of complaint analysis, the current analyser beside the frozen one of
// bench/baseline (measured in the same run), on splits never used for tuning:
//
// a. complaint precision / recall and category accuracy on the hand-written dev
//    set bench/corpus/complaint-dev.tsv, "test" rows (the "dev" rows are for tuning);
// b. false alarms on ordinary (label 0) SMS of ../shared/data/spam, seeded shuffle
//    80/20, figures on the 20 %;
// c. sentiment accuracy and macro-F1 on waimai_10k and on each of the 9 online-shopping
//    categories, seeded shuffle 80/20 per set, the decision threshold chosen on the 80 %
//    (max macro-F1), figures on the 20 %.
//
//   npm run bench -- text                     # writes bench/results/text.json
//   BENCH_TEXT_ERRORS=1 npm run bench -- text # also lists mistakes on the tuning splits only
//
// ../shared/data (or the nearest shared/data further up, for a worktree) is read, never copied; without it parts b and c are skipped, and said so.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { analyze } from '../src/complaints/analysis/analyze.js';
import { seededRandom } from '../src/core/hash.js';
import { analyzeText as baselineAnalyze } from './baseline/analysis/analyze.js';
import type { BenchResult } from './run.js';

const here = dirname(fileURLToPath(import.meta.url));
/** ../shared/data beside the checkout; a git worktree one level deeper (e.g. wt/<name>) finds it further up. */
const shared = (() => {
  const first = resolve(here, '../../shared/data');
  for (let dir = resolve(here, '../..'); ; dir = dirname(dir)) {
    const candidate = resolve(dir, 'shared/data');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return first;
  }
})();
const SEED = 20251123;
const TEST_FRACTION = 0.2;
const SHOW_ERRORS = process.env.BENCH_TEXT_ERRORS === '1';

interface Reader {
  complaint: boolean;
  category: string | null;
  sentiment: number;
}
const readers: Record<'current' | 'baseline', (t: string) => Reader> = {
  current: (t) => analyze(t),
  baseline: (t) => baselineAnalyze(t),
};

/** Seeded shuffle, then [tuning 80 %, test 20 %]. */
function split<T>(items: readonly T[]): [T[], T[]] {
  const out = items.slice();
  const random = seededRandom(SEED);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  const testSize = Math.round(out.length * TEST_FRACTION);
  return [out.slice(testSize), out.slice(0, testSize)];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

interface DevRow {
  split: 'dev' | 'test';
  lang: string;
  label: 0 | 1;
  category: string | null;
  text: string;
}

function loadDevSet(): DevRow[] {
  const rows: DevRow[] = [];
  for (const line of readFileSync(resolve(here, 'corpus/complaint-dev.tsv'), 'utf8').split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('split\t')) continue;
    const [split, lang, label, category, text] = line.split('\t');
    if (!text || (split !== 'dev' && split !== 'test')) throw new Error(`bad dev-set line: ${line}`);
    rows.push({
      split,
      lang: lang ?? '',
      label: label === '1' ? 1 : 0,
      category: category === '-' ? null : (category ?? null),
      text,
    });
  }
  return rows;
}

function complaintFigures(rows: readonly DevRow[], read: (t: string) => Reader) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let catRight = 0;
  let catTotal = 0;
  for (const row of rows) {
    const a = read(row.text);
    if (a.complaint && row.label === 1) tp++;
    else if (a.complaint) fp++;
    else if (row.label === 1) fn++;
    if (row.label === 1 && row.category !== null) {
      catTotal++;
      if (a.category === row.category) catRight++;
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    n: rows.length,
    precision: r3(precision),
    recall: r3(recall),
    f1: r3(f1),
    categoryAccuracy: r3(catTotal ? catRight / catTotal : 0),
  };
}

function loadHam(file: string): string[] {
  const path = resolve(shared, 'spam', file);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter(([label, ...rest]) => (label === '0' || label === 'ham') && rest.join('\t').trim() !== '')
    .map(([, ...rest]) => rest.join('\t'));
}

function macro(labels: readonly number[], predicted: readonly number[]) {
  let correct = 0;
  let f1s = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === predicted[i]) correct++;
  for (const cls of [0, 1]) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < labels.length; i++) {
      if (predicted[i] === cls && labels[i] === cls) tp++;
      else if (predicted[i] === cls) fp++;
      else if (labels[i] === cls) fn++;
    }
    const p = tp + fp === 0 ? 0 : tp / (tp + fp);
    const r = tp + fn === 0 ? 0 : tp / (tp + fn);
    f1s += p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
  return { accuracy: correct / labels.length, macroF1: f1s / 2 };
}

interface Review {
  label: number;
  text: string;
}

/** Threshold on the tuning split (max macro-F1, ties nearest 0), figures on the test split. */
function sentimentFigures(reviews: readonly Review[], read: (t: string) => Reader) {
  const [tune, test] = split(reviews);
  const tuneScores = tune.map((r) => read(r.text).sentiment);
  const tuneLabels = tune.map((r) => r.label);
  let threshold = 0;
  let best = -1;
  for (let step = -60; step <= 60; step++) {
    const t = step / 100 - 0.005;
    const f = macro(
      tuneLabels,
      tuneScores.map((s) => (s > t ? 1 : 0)),
    ).macroF1;
    if (f > best + 1e-9 || (Math.abs(f - best) <= 1e-9 && Math.abs(t) < Math.abs(threshold))) {
      best = f;
      threshold = t;
    }
  }
  const m = macro(
    test.map((r) => r.label),
    test.map((r) => (read(r.text).sentiment > threshold ? 1 : 0)),
  );
  return { n: test.length, threshold: r3(threshold), accuracy: r3(m.accuracy), macroF1: r3(m.macroF1) };
}

function textsPerSecond(texts: readonly string[], read: (t: string) => Reader): number {
  let sink = 0;
  for (const t of texts) sink += read(t).sentiment;
  const passes = 5;
  const started = process.hrtime.bigint();
  for (let p = 0; p < passes; p++) for (const t of texts) sink += read(t).sentiment;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (Number.isNaN(sink)) throw new Error('a sentiment was NaN');
  return Math.round((passes * texts.length) / seconds);
}

export async function run(): Promise<BenchResult> {
  const table: Record<string, string | number>[] = [];
  const figures: Record<string, unknown> = { seed: SEED };
  const row = (what: string, current: string | number, baseline: string | number, target = '') => {
    table.push({ what, current, baseline, target });
  };

  // a. The hand-written dev set.
  const devSet = loadDevSet();
  const test = devSet.filter((r) => r.split === 'test');
  const dev = devSet.filter((r) => r.split === 'dev');
  const complaints = {
    current: complaintFigures(test, readers.current),
    baseline: complaintFigures(test, readers.baseline),
    tuningSplit: complaintFigures(dev, readers.current),
    byLanguage: Object.fromEntries(
      ['zh', 'zh-Hant', 'en'].map((lang) => [
        lang,
        {
          current: complaintFigures(
            test.filter((r) => r.lang === lang),
            readers.current,
          ),
          baseline: complaintFigures(
            test.filter((r) => r.lang === lang),
            readers.baseline,
          ),
        },
      ]),
    ),
  };
  figures.complaintDevSet = {
    file: 'bench/corpus/complaint-dev.tsv',
    split: `"test" rows (${test.length}), never tuned on; "dev" rows (${dev.length}) for tuning`,
    ...complaints,
    targetsMet: { precision: complaints.current.precision >= 0.9, recall: complaints.current.recall >= 0.9 },
  };
  row(
    `complaint precision (dev set, test split, n=${test.length})`,
    complaints.current.precision,
    complaints.baseline.precision,
    '≥ 0.90',
  );
  row(
    'complaint recall (dev set, test split)',
    complaints.current.recall,
    complaints.baseline.recall,
    '≥ 0.90',
  );
  for (const [lang, f] of Object.entries(complaints.byLanguage))
    row(
      `  ${lang}: precision / recall`,
      `${f.current.precision} / ${f.current.recall}`,
      `${f.baseline.precision} / ${f.baseline.recall}`,
    );
  row(
    'category accuracy (complaints of the test split)',
    complaints.current.categoryAccuracy,
    complaints.baseline.categoryAccuracy,
  );
  if (SHOW_ERRORS) {
    for (const r of dev) {
      const a = analyze(r.text);
      if (a.complaint !== (r.label === 1)) console.log(`dev ${r.label} ${a.sentiment.toFixed(2)} ${r.text}`);
      else if (r.label === 1 && r.category && a.category !== r.category)
        console.log(`dev category ${r.category} ≠ ${a.category}: ${r.text}`);
    }
  }

  if (!existsSync(shared)) {
    console.log(
      `../shared/data not found (looked for ${shared}): skipping false alarms on SMS and sentiment`,
    );
    figures.sharedData = 'absent: SMS false alarms and sentiment skipped';
  } else {
    // b. False alarms on ordinary SMS.
    const alarms: Record<string, unknown> = {};
    for (const [name, file] of [
      ['zh', 'zh_sms_7000.tsv'],
      ['en', 'en_sms_uci.tsv'],
    ] as const) {
      const [tune, held] = split(loadHam(file));
      const rate = (read: (t: string) => Reader) =>
        r3(held.filter((t) => read(t).complaint).length / held.length);
      const f = { n: held.length, current: rate(readers.current), baseline: rate(readers.baseline) };
      alarms[name] = { file: `../shared/data/spam/${file}`, ...f, targetMet: f.current <= 0.03 };
      row(
        `false alarms, ordinary ${name} SMS (held-out 20 %, n=${held.length})`,
        pct(f.current),
        pct(f.baseline),
        '≤ 3 %',
      );
      if (SHOW_ERRORS) for (const t of tune) if (analyze(t).complaint) console.log(`sms-${name} ${t}`);
    }
    figures.falseAlarms = {
      split: `label-0 messages, seeded shuffle (seed ${SEED}), 80/20, figures on the 20 %`,
      ...alarms,
    };

    // c. Sentiment.
    const waimai = (
      parse(readFileSync(resolve(shared, 'sentiment/waimai_10k.csv'), 'utf8'), {
        columns: true,
        skip_empty_lines: true,
      }) as { label: string; review: string }[]
    ).map((r) => ({ label: Number(r.label), text: r.review }));
    const shopping = new Map<string, Review[]>();
    for (const r of parse(readFileSync(resolve(shared, 'sentiment/online_shopping_9_cats.csv'), 'utf8'), {
      columns: true,
      skip_empty_lines: true,
    }) as { cat: string; label: string; review: string }[]) {
      const list = shopping.get(r.cat) ?? [];
      list.push({ label: Number(r.label), text: r.review });
      shopping.set(r.cat, list);
    }
    const sets: [string, Review[]][] = [
      ['waimai', waimai],
      ...[...shopping].map(([c, rs]) => [`shopping ${c}`, rs] as [string, Review[]]),
    ];
    const sentiment: Record<string, unknown> = {};
    const shoppingAcc = { current: 0, baseline: 0, macroF1Current: 0, macroF1Baseline: 0 };
    for (const [name, reviews] of sets) {
      const current = sentimentFigures(reviews, readers.current);
      const baseline = sentimentFigures(reviews, readers.baseline);
      sentiment[name] = { current, baseline };
      row(
        `sentiment ${name}: accuracy / macro-F1 (n=${current.n})`,
        `${current.accuracy} / ${current.macroF1}`,
        `${baseline.accuracy} / ${baseline.macroF1}`,
        name === 'waimai' ? 'accuracy ≥ 0.88' : '',
      );
      if (name !== 'waimai') {
        shoppingAcc.current += current.accuracy / shopping.size;
        shoppingAcc.baseline += baseline.accuracy / shopping.size;
        shoppingAcc.macroF1Current += current.macroF1 / shopping.size;
        shoppingAcc.macroF1Baseline += baseline.macroF1 / shopping.size;
      }
    }
    row(
      'sentiment, mean over the 9 shopping categories: accuracy',
      r3(shoppingAcc.current),
      r3(shoppingAcc.baseline),
      '≥ 0.85',
    );
    row(
      'sentiment, mean over the 9 shopping categories: macro-F1',
      r3(shoppingAcc.macroF1Current),
      r3(shoppingAcc.macroF1Baseline),
    );
    figures.sentiment = {
      split: `per set: seeded shuffle (seed ${SEED}), 80/20; threshold chosen on the 80 % (max macro-F1), figures on the 20 %`,
      ...sentiment,
      shoppingMean: Object.fromEntries(Object.entries(shoppingAcc).map(([k, v]) => [k, r3(v)])),
      targetsMet: {
        waimai: (sentiment.waimai as { current: { accuracy: number } }).current.accuracy >= 0.88,
        shopping: shoppingAcc.current >= 0.85,
      },
    };
  }

  const texts = devSet.map((r) => r.text);
  const speed = {
    current: textsPerSecond(texts, readers.current),
    baseline: textsPerSecond(texts, readers.baseline),
  };
  figures.textsPerSecond = { ...speed, texts: 'the dev set, all rows' };
  row('analyses per second (dev-set texts, one thread)', speed.current, speed.baseline);
  return { table, figures };
}
