/** Win-back (挽回): winning back a customer whose blocklist entry was released. */

export const milestoneKinds = ['contacted', 'responded', 'repurchased'] as const;
export type MilestoneKind = (typeof milestoneKinds)[number];

export const outcomes = ['won_back', 'lost', 'no_response'] as const;
export type Outcome = (typeof outcomes)[number];

export const statsGroups = ['category', 'owner'] as const;
export type StatsGroup = (typeof statsGroups)[number];
export const statsIntervals = ['week', 'month'] as const;
export type StatsInterval = (typeof statsIntervals)[number];

/** When each milestone is due, counted from the case's start, unless given. */
export const defaultDueDays: Readonly<Record<MilestoneKind, number>> = {
  contacted: 2,
  responded: 7,
  repurchased: 30,
};

export interface PlanStep {
  text: string;
  done: boolean;
}

export interface Milestone {
  kind: MilestoneKind;
  dueAt: string | null;
  doneAt: string | null;
  /** Due date passed and not done. */
  overdue: boolean;
}

export interface WinbackCase {
  id: string;
  entryId: string;
  customerId: string | null;
  category: string;
  ownerId: string | null;
  ownerName: string | null;
  template: string | null;
  plan: PlanStep[];
  script: string | null;
  notes: string | null;
  status: 'open' | 'closed';
  outcome: Outcome | null;
  satisfactionBefore: number | null;
  satisfactionAfter: number | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  milestones: Milestone[];
}

export const DAY = 86_400_000;

/** The start of the period `t` falls in: ISO weeks start on Monday (UTC), months on the 1st (UTC). */
export function periodOf(t: number, interval: StatsInterval): string {
  if (interval === 'month') return new Date(t).toISOString().slice(0, 7);
  const day = Math.floor(t / DAY);
  // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
  const monday = day - ((day + 3) % 7);
  return new Date(monday * DAY).toISOString().slice(0, 10);
}

export interface StatsRow {
  key: string;
  period: string;
  cases: number;
  /** Cases with an outcome. */
  closed: number;
  wonBack: number;
  lost: number;
  noResponse: number;
  /** wonBack / closed, null when none is closed. */
  rate: number | null;
}

export interface CaseFact {
  key: string;
  createdAt: number;
  outcome: string | null;
}

const rateOf = (won: number, closed: number) =>
  closed ? Math.round((won / closed) * 10_000) / 10_000 : null;

/**
 * Win-back rate per group and period, from cases opened in the window: the
 * share of the cases with an outcome that were won back. Pure, for a table test.
 */
export function winbackStats(
  facts: readonly CaseFact[],
  interval: StatsInterval,
): { rows: StatsRow[]; totals: Omit<StatsRow, 'period'>[] } {
  const rows = new Map<string, StatsRow>();
  const totals = new Map<string, StatsRow>();
  for (const f of facts) {
    const period = periodOf(f.createdAt, interval);
    const row = rows.get(`${f.key}\u0000${period}`) ?? blank(f.key, period);
    rows.set(`${f.key}\u0000${period}`, row);
    const total = totals.get(f.key) ?? blank(f.key, '');
    totals.set(f.key, total);
    for (const r of [row, total]) {
      r.cases++;
      if (f.outcome) r.closed++;
      if (f.outcome === 'won_back') r.wonBack++;
      if (f.outcome === 'lost') r.lost++;
      if (f.outcome === 'no_response') r.noResponse++;
      r.rate = rateOf(r.wonBack, r.closed);
    }
  }
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  return {
    rows: [...rows.values()].sort((a, b) => byKey(a, b) || a.period.localeCompare(b.period)),
    totals: [...totals.values()].map(({ period: _p, ...t }) => t).sort(byKey),
  };
}

function blank(key: string, period: string): StatsRow {
  return { key, period, cases: 0, closed: 0, wonBack: 0, lost: 0, noResponse: 0, rate: null };
}
