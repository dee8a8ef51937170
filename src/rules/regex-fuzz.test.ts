import { describe, expect, it } from 'vitest';
import { normalizeText } from '../core/text/normalize.js';
import { compileRules } from './compiler.js';
import type { Rule, RuleInput } from './model.js';
import { REGEX_INPUT_LIMIT, REGEX_TIME_BUDGET_MS, regexSafetyIssue } from './validate.js';

/**
 * Evil patterns from the ReDoS literature and from the security probe: each
 * must be rejected by the validator, or run one match on every hostile
 * subject (4,000 characters) within the per-message budget.
 */
const corpus: string[] = [
  // the probe's bypass and its relatives: quantifiers inside lookarounds
  '(?<=a+)a+(?<=a+);',
  '(?<=a+)a+',
  '(?<=a*)b',
  '(?<!a+)b',
  '(?=a+)a',
  '(?=(a+))a*b',
  '(?!a+b)a',
  '^(?=.*a)(?=.*b).*$',
  '(?<=a{1,4000})b',
  '(?:(?<=a+)a)+$',
  '(?<=(?:a|aa)+)x',
  // nested quantifiers
  '(a+)+$',
  '(a*)*$',
  '(a+)*b',
  '((a+)+)+',
  '(a{1,10}){1,10}$',
  '(?:a+){2,}$',
  '(.*a){12}',
  '([a-z]+)*$',
  '(\\w+\\s?)*$',
  '(a|a)*$',
  '(a|aa)+$',
  '(a|ab)*c',
  '(?:a|a?)+$',
  '(a?)+$',
  '(.*)*$',
  '(x+x+)+y',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  '^([a-zA-Z0-9])(([\\-.]|[_]+)?([a-zA-Z0-9]+))*(@){1}[a-z0-9]+[.]{1}(([a-z]{2,3})|([a-z]{2,3}[.]{1}[a-z]{2,3}))$',
  // adjacent unbounded quantifiers over the same characters
  'a*a*a*a*b',
  '\\d+\\d+$',
  '.*a.*a.*a.*b',
  '\\s*\\s*$',
  'a+a+$',
  '.*.*=.*',
  '^.*?a.*?a.*?b',
  '\\w*\\w*\\w*!',
  '[a-z]*[a-c]*$',
  'a{0,2000}a{0,2000}b',
  '(?:a+)(?:a+)$',
  // backreferences
  '(a+)\\1$',
  '(?<x>a+)\\k<x>b',
  '^(a*)\\1*b$',
  // alternation blow-ups
  '(a|b|ab)*c',
  '(?:aa|a)*$',
  '^(a|a|a|a)*$',
  // empty loops
  '(a?){100}b',
  '(?:\\b)*a',
  '(|a)+b',
  // harmless controls: accepted, and fast (a lone `a.*b` is accepted too but quadratic,
  // 12–50 ms on 4,000 × a depending on the machine's load: the budget test below covers it)
  '1[3-9]\\d{9}',
  '^a+$',
  '退款|投诉',
];

const subjects: [string, string][] = [
  ['a × 4000', 'a'.repeat(4000)],
  ['a × 3999 then !', `${'a'.repeat(3999)}!`],
  ['0 × 4000', '0'.repeat(4000)],
  ['spaces then x', `${' '.repeat(3999)}x`],
  ['ab × 2000', 'ab'.repeat(2000)],
  ['a and newlines', 'aaaaaaaaa\n'.repeat(400)],
];

/** The fastest of three runs: a shared machine adds noise, never takes it away. */
function fastestMs(re: RegExp, subject: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    re.test(subject);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('regex safety: the fuzz corpus', () => {
  it('holds the corpus to "rejected, or within budget on 4,000 hostile characters"', () => {
    const slow: string[] = [];
    let rejected = 0;
    for (const pattern of corpus) {
      if (regexSafetyIssue(pattern, '') !== null) {
        rejected++;
        continue;
      }
      const re = new RegExp(pattern);
      for (const [name, subject] of subjects) {
        const ms = fastestMs(re, subject.slice(0, REGEX_INPUT_LIMIT));
        if (ms > REGEX_TIME_BUDGET_MS) slow.push(`/${pattern}/ on ${name}: ${ms.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
    // The corpus is mostly evil: nearly all of it must be refused.
    expect(rejected).toBeGreaterThanOrEqual(corpus.length - 5);
  });

  it('rejects the probe bypass with a reason about lookarounds', () => {
    expect(regexSafetyIssue('(?<=a+)a+(?<=a+);', '')).toMatch(/lookahead or lookbehind/);
    expect(regexSafetyIssue('(?=\\d)\\d{3}', '')).toBeNull(); // no quantifier inside: fine
    expect(regexSafetyIssue('(?<![a-z])vip', 'i')).toBeNull();
  });

  it('gives all regexes of one message one time budget', () => {
    // Forty accepted but quadratic patterns (`a.*bN`): each costs milliseconds on 4,000 × a.
    const rules: Rule[] = Array.from({ length: 40 }, (_, i) => ({
      id: `r${i}`,
      name: `slow ${i}`,
      stage: 'filter',
      mode: 'enforce',
      enabled: true,
      priority: 100,
      conditions: { regex: { pattern: `a.*b${i}` } },
      actions: [{ type: 'mark_spam' }],
      version: 1,
    }));
    for (const r of rules) {
      const c = r.conditions as { regex: { pattern: string } };
      expect(regexSafetyIssue(c.regex.pattern, '')).toBeNull();
    }
    const set = compileRules(rules);
    const text = 'a'.repeat(4000);
    const input: RuleInput = {
      channel: 'sms',
      source: null,
      normalized: normalizeText(text),
      text,
      identifiers: [],
      customerTier: null,
      senderKey: 'x',
      now: 0,
      messageCounts: new Map(),
      duplicates: new Map(),
      spamScore: () => 0,
      sentiment: () => 0,
    };
    const single = fastestMs(/a.*b0/, text);
    const t0 = performance.now();
    expect(set.evaluate(input)).toEqual([]);
    const spent = performance.now() - t0;
    // Without the budget this is 40 × single; with it, the budget plus about one more match.
    expect(spent).toBeLessThan(REGEX_TIME_BUDGET_MS + 4 * single + 20);
    if (40 * single > REGEX_TIME_BUDGET_MS) expect(set.regexBudget.overruns).toBe(1);
  });
});
