// Rule evaluation on the screening hot path: 200 rules holding 10,000 keywords
// in all, on mixed Chinese / English messages of 20–300 characters, against
// the single keyword scan of the same texts (the floor: evaluate() does that
// scan plus the rule logic) measured in the same run.
//
//   npx tsx bench/rules.bench.ts          # prints a table
//   npm run bench -- rules                # also writes bench/results/rules.json
//
// Not a test.
import { fileURLToPath } from 'node:url';
import { compile as compileKeywords } from '../src/core/text/aho-corasick.js';
import { normalizeText } from '../src/core/text/normalize.js';
import { compileRules } from '../src/rules/compiler.js';
import type { Condition, Rule, RuleInput } from '../src/rules/model.js';
import type { BenchResult } from './run.js';

const RULES = 200;
const KEYWORDS = 10_000;
const MESSAGES = 4_000;
const ROUNDS = 25;

let seed = 0x9e3779b9;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));

// Common characters, so keywords and texts share an alphabet like real traffic.
const HAN =
  '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知全点意很最想发货退款投诉客服订单快递物流质量价格优惠活动微信加群兼职刷单返利中奖免费领取链接点击'.split(
    '',
  );
const EN = [
  'free',
  'money',
  'refund',
  'order',
  'click',
  'link',
  'win',
  'prize',
  'cash',
  'loan',
  'vip',
  'deal',
  'sale',
  'offer',
  'urgent',
  'account',
  'verify',
  'bonus',
  'crypto',
  'invest',
];

const hanWord = (min: number, max: number): string =>
  Array.from({ length: int(min, max) }, () => pick(HAN)).join('');
const keyword = (): string => (random() < 0.75 ? hanWord(3, 6) : `${pick(EN)} ${pick(EN)} ${pick(EN)}`);

function buildRules(): { rules: Rule[]; keywordPool: string[] } {
  const perRule = KEYWORDS / RULES;
  const keywordPool: string[] = [];
  const rules: Rule[] = [];
  for (let i = 0; i < RULES; i++) {
    const list = Array.from({ length: perRule }, keyword);
    keywordPool.push(...list);
    const kw: Condition = { keywords: { list } };
    let conditions: Condition;
    switch (i % 10) {
      case 0:
        conditions = { all: [kw, { regex: { pattern: '1[3-9]\\d{9}' } }] };
        break;
      case 1:
        conditions = { all: [kw, { spamScore: { gte: 0.9 } }] };
        break;
      case 2:
        conditions = { any: [kw, { duplicate: { windowSeconds: 3600, scope: 'sender' } }] }; // ungated
        break;
      case 3:
        conditions = {
          all: [
            { channel: { in: ['sms', 'chat'] } },
            { messageCount: { gt: 50, windowSeconds: 86_400 } },
            { not: kw },
          ],
        };
        break;
      case 4:
        conditions = { all: [kw, { timeOfDay: { from: '00:00', to: '06:00' } }] };
        break;
      default:
        conditions = { all: [kw, { channel: { in: ['sms', 'chat', 'app'] } }] };
    }
    rules.push({
      id: `rul_${String(i).padStart(4, '0')}`,
      name: `rule ${i}`,
      stage: i % 7 === 0 ? 'watch' : 'filter',
      mode: i % 11 === 0 ? 'shadow' : 'enforce',
      enabled: true,
      priority: int(0, 1000),
      conditions,
      actions: [{ type: 'mark_spam' }],
      version: 1,
    });
  }
  return { rules, keywordPool };
}

function buildMessages(keywordPool: readonly string[]): RuleInput[] {
  const channels = ['sms', 'chat', 'email', 'app'];
  const counts = new Map([[86_400, 3]]);
  const duplicates = new Map([['sender:3600:exact', 0]]);
  const inputs: RuleInput[] = [];
  for (let m = 0; m < MESSAGES; m++) {
    const length = int(20, 300);
    let text = '';
    while (text.length < length) {
      const r = random();
      if (r < 0.55) text += hanWord(1, 8);
      else if (r < 0.8) text += `${pick(EN)} `;
      else if (r < 0.9) text += pick(['，', '。', '！', ' ', '?', '、']);
      else if (r < 0.97) text += String(int(0, 99_999));
      else text += pick(keywordPool); // some messages carry real keywords
    }
    text = text.slice(0, length);
    inputs.push({
      channel: pick(channels),
      source: 'bench',
      normalized: normalizeText(text),
      text,
      identifiers: [{ type: 'phone', value: '+8613800138000' }],
      customerTier: 'standard',
      senderKey: `cus_${m % 100}`,
      now: Date.UTC(2026, 10, 23, 8, 0) + m * 1000,
      messageCounts: counts,
      duplicates,
      spamScore: () => 0.5,
      sentiment: () => 0,
    });
  }
  return inputs;
}

const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export async function run(): Promise<BenchResult & { name: string; rows: Record<string, unknown>[] }> {
  const { rules, keywordPool } = buildRules();
  const inputs = buildMessages(keywordPool);

  compileRules(rules); // warm the normaliser's tables
  const compileTimes: number[] = [];
  let set = compileRules(rules);
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    set = compileRules(rules);
    compileTimes.push(performance.now() - t);
  }

  const matcher = compileKeywords(keywordPool);
  let sink = 0;
  const timeScan = (): number => {
    const t = process.hrtime.bigint();
    for (const input of inputs) sink += matcher.matchAll(input.normalized).length;
    return Number(process.hrtime.bigint() - t) / inputs.length;
  };
  let matched = 0;
  let ruleMatches = 0;
  const timeEvaluate = (): number => {
    matched = 0;
    ruleMatches = 0;
    const t = process.hrtime.bigint();
    for (const input of inputs) {
      const n = set.evaluate(input).length;
      ruleMatches += n;
      if (n > 0) matched++;
    }
    return Number(process.hrtime.bigint() - t) / inputs.length;
  };
  for (let i = 0; i < 5; i++) {
    timeScan();
    timeEvaluate();
  }
  const scan: number[] = [];
  const evaluate: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    scan.push(timeScan());
    evaluate.push(timeEvaluate());
  }
  if (sink < 0) console.log(sink);

  const evaluateNs = median(evaluate);
  const scanNs = median(scan);
  const compileMs = median(compileTimes);
  const avgChars = inputs.reduce((a, i) => a + i.text.length, 0) / inputs.length;
  const rows = [
    {
      what: 'evaluate() — 200 rules',
      'ns/message': Math.round(evaluateNs),
      'messages/s': Math.round(1e9 / evaluateNs),
      note: `${((matched / inputs.length) * 100).toFixed(1)} % of messages matched ≥ 1 rule (${(ruleMatches / inputs.length).toFixed(2)} matches/message)`,
    },
    {
      what: 'baseline: one keyword scan (matchAll)',
      'ns/message': Math.round(scanNs),
      'messages/s': Math.round(1e9 / scanNs),
      note: `same ${KEYWORDS} keywords, same texts (avg ${avgChars.toFixed(0)} chars)`,
    },
    {
      what: 'compileRules()',
      'ns/message': '',
      'messages/s': '',
      note: `${compileMs.toFixed(1)} ms for ${set.stats.keywords} keywords (${set.stats.distinctKeywords} distinct), ${set.stats.regexes} regexes`,
    },
  ];
  return {
    name: 'rules',
    rows,
    table: rows,
    figures: {
      rules: RULES,
      keywords: set.stats.keywords,
      distinctKeywords: set.stats.distinctKeywords,
      messages: inputs.length,
      averageChars: Math.round(avgChars),
      compileMs: Math.round(compileMs * 10) / 10,
      evaluateNsPerMessage: Math.round(evaluateNs),
      scanNsPerMessage: Math.round(scanNs),
      evaluateOverScan: Math.round((evaluateNs / scanNs) * 100) / 100,
      matchedShare: matched / inputs.length,
      target: 'compile 10,000 keywords ≤ 100 ms; evaluate a few µs per message',
      targetMet: compileMs <= 100 && evaluateNs <= 5_000,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run();
  console.table(result.rows);
  console.log(JSON.stringify(result.figures, null, 2));
}
