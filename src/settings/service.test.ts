import { describe, expect, it } from 'vitest';
import { createAlarmScanner, defaultAlarmWords } from '../complaints/signals.js';
import { diff, overlay } from './service.js';

describe('overlay (a stored settings document over the defaults)', () => {
  it.each([
    [{ a: 1, b: { c: 2, d: 3 } }, { b: { c: 5 } }, { a: 1, b: { c: 5, d: 3 } }],
    [{ list: [1, 2] }, { list: [3] }, { list: [3] }],
    [{ a: 1 }, { extra: true }, { a: 1, extra: true }],
    [{ a: { b: 1 } }, undefined, { a: { b: 1 } }],
  ])('%j under %j → %j', (base, stored, expected) => {
    expect(overlay(base, stored)).toEqual(expected);
  });
});

describe('diff (what the audit log records)', () => {
  it('lists changed leaves with before and after, lists as a whole', () => {
    expect(
      diff(
        { sla: { P1: 2, P3: 24 }, words: ['a'], same: 'x' },
        { sla: { P1: 2, P3: 12 }, words: ['a', 'b'], same: 'x' },
      ),
    ).toEqual([
      { path: '/sla/P3', before: 24, after: 12 },
      { path: '/words', before: ['a'], after: ['a', 'b'] },
    ]);
    expect(diff({ a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('alarm scanner (blocked senders still warn)', () => {
  const alarms = createAlarmScanner(defaultAlarmWords);
  it.each([
    ['我要去12315投诉', ['regulator']],
    ['找媒體曝光你們', ['media']],
    ['我 要 起 诉', ['legal']],
    ['再不退款我就弄死你', ['threat']],
    ['充電寶冒煙差點着火', ['safety']],
    ['I will sue you', ['legal']],
    ['the issue is still there', []],
    ['you are fired', []],
    ['你好，在吗', []],
  ])('%s → %j', (text, kinds) => {
    expect([...new Set(alarms(text).map((a) => a.kind))].sort()).toEqual([...kinds].sort());
  });
});
