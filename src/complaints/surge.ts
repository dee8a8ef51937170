import type { ComplaintSettings } from './settings.js';

const HOUR = 3_600_000;

/** One complaint submission, as the surge detector sees it. */
export interface SurgeObservation {
  at: number;
  /** Who complained: customer id, or the sender's blind index for unknown senders. */
  subjectKey: string;
  complaintId: string;
  category: string;
  /** Risk words and category keywords found in the text. */
  topics: readonly string[];
}

export interface Surge {
  /** `category:logistics` or `word:退款`. */
  key: string;
  kind: 'category' | 'word';
  value: string;
  hourStart: number;
  count: number;
  distinctCustomers: number;
  mean: number;
  std: number;
  z: number;
  complaintIds: string[];
  /** Words that surged together with this category (folded in, not alerted apart). */
  words: string[];
}

interface Series {
  kind: 'category' | 'word';
  value: string;
  buckets: Float64Array;
  current: SurgeObservation[];
}

/**
 * Surges in the hour starting at `hourStart`: per category and per topic word,
 * the hour's count against the mean and standard deviation (floored) of the
 * same series over the `baselineHours` before it. A series surges when
 * z ≥ threshold and enough distinct customers complained in the hour. A word
 * whose complaints lie mostly inside a surging category is the same incident:
 * it is folded into that category's surge instead of reported apart. Pure.
 */
export function detectSurges(
  observations: readonly SurgeObservation[],
  hourStart: number,
  s: ComplaintSettings['surge'],
): Surge[] {
  const from = hourStart - s.baselineHours * HOUR;
  const series = new Map<string, Series>();
  const get = (kind: 'category' | 'word', value: string) => {
    const key = `${kind}:${value}`;
    let x = series.get(key);
    if (!x) {
      x = { kind, value, buckets: new Float64Array(s.baselineHours), current: [] };
      series.set(key, x);
    }
    return x;
  };
  for (const o of observations) {
    if (o.at < from || o.at >= hourStart + HOUR) continue;
    const targets = [get('category', o.category), ...new Set(o.topics)].map((t) =>
      typeof t === 'string' ? get('word', t) : t,
    );
    for (const t of targets) {
      if (o.at >= hourStart) t.current.push(o);
      else {
        const i = Math.floor((o.at - from) / HOUR);
        t.buckets[i] = (t.buckets[i] ?? 0) + 1;
      }
    }
  }

  const surging: Surge[] = [];
  for (const [key, x] of series) {
    if (x.current.length === 0) continue;
    const n = x.buckets.length;
    let sum = 0;
    for (const b of x.buckets) sum += b;
    const mean = n ? sum / n : 0;
    let sq = 0;
    for (const b of x.buckets) sq += (b - mean) ** 2;
    const std = Math.max(s.stdFloor, n ? Math.sqrt(sq / n) : 0);
    const count = x.current.length;
    const z = (count - mean) / std;
    const customers = new Set(x.current.map((o) => o.subjectKey)).size;
    if (z < s.zThreshold || customers < s.minDistinctCustomers) continue;
    surging.push({
      key,
      kind: x.kind,
      value: x.value,
      hourStart,
      count,
      distinctCustomers: customers,
      mean: round(mean),
      std: round(std),
      z: round(z),
      complaintIds: [...new Set(x.current.map((o) => o.complaintId))],
      words: [],
    });
  }

  const categories = surging.filter((x) => x.kind === 'category').sort((a, b) => b.z - a.z);
  const out: Surge[] = [...categories];
  for (const w of surging.filter((x) => x.kind === 'word').sort((a, b) => b.z - a.z)) {
    const ids = new Set(w.complaintIds);
    const home = categories.find((c) => c.complaintIds.filter((id) => ids.has(id)).length >= 0.8 * ids.size);
    if (home) home.words.push(w.value);
    else out.push(w);
  }
  return out;
}

/** `2026-11-23T08` for the hour starting at `ms`: the surge's dedupe key part. */
export const hourKey = (ms: number) => new Date(ms).toISOString().slice(0, 13);

export const startOfHour = (ms: number) => Math.floor(ms / HOUR) * HOUR;

const round = (x: number) => Math.round(x * 100) / 100;
