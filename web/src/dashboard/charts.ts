import type { BlocklistAnalytics } from '../blocklist/api';
import type { ChartOption } from '../blocklist/echart';
import { type ComplaintAnalytics, categories, complaintChannels, priorities } from '../complaints/api';
import { categoryText, complaintChannelText, priorityColor } from '../complaints/display';
import type { Translate } from '../i18n';
import { decisionText } from '../screening/display';
import type { OverviewFigures, RuleFiguresView } from '../workbench/api';

export type Dimension = 'category' | 'priority' | 'channel';

const categoryColors: Record<string, string> = {
  logistics: '#1668dc',
  after_sales: '#f76b15',
  product_quality: '#8e4ec6',
  billing_refund: '#e5484d',
  service_attitude: '#d4a106',
  technical: '#12a594',
  other: '#8c9bb0',
};

const channelColors: Record<string, string> = {
  sms: '#1668dc',
  voice: '#12a594',
  email: '#8e4ec6',
  chat: '#f76b15',
  app: '#d4a106',
  social: '#e5484d',
  phone: '#30a46c',
};

/** A series drawn by the shared builders: its name in the legend, colour and values. */
export interface SeriesOf {
  name: string;
  color: string;
  data: number[];
}

/** A day bucket ("2026-12-05") as the axis shows it: month and day. */
export const dayLabel = (day: string) => day.slice(5);

const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

/** Counts per day, stacked bars (one series per key). */
export function stackedBarsPerDay(
  days: readonly string[],
  series: readonly SeriesOf[],
  barMaxWidth = 28,
): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: GRID,
    xAxis: { type: 'category', data: days.map(dayLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: 'total',
      barMaxWidth,
      itemStyle: { color: s.color },
      emphasis: { focus: 'series' },
      data: s.data,
    })),
  };
}

/** Counts per day as lines with a light area under them (added against released …). */
export function linesPerDay(days: readonly string[], series: readonly SeriesOf[]): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', boundaryGap: false, data: days.map(dayLabel) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      showSymbol: false,
      areaStyle: { opacity: 0.12 },
      itemStyle: { color: s.color },
      data: s.data,
    })),
  };
}

/** Horizontal bars, one row per label, biggest first as given; several series stack. */
export function barsByLabel(
  labels: readonly string[],
  series: readonly SeriesOf[],
  barMaxWidth = 18,
): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    ...(series.length > 1 ? { legend: { top: 0 } } : {}),
    grid: { ...GRID, top: series.length > 1 ? 36 : 8 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: [...labels] },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      ...(series.length > 1 ? { stack: 'total' } : {}),
      barMaxWidth,
      itemStyle: { color: s.color },
      data: s.data,
    })),
  };
}

/** Keys in a known order first, then any the server counted that we do not know of. */
function keysOf(
  perDay: ComplaintAnalytics['perDay'],
  pick: (d: ComplaintAnalytics['perDay'][number]) => Record<string, number>,
  order: readonly string[],
) {
  const seen = new Set<string>();
  for (const d of perDay) for (const k of Object.keys(pick(d))) seen.add(k);
  return [...order.filter((k) => seen.has(k)), ...[...seen].filter((k) => !order.includes(k)).sort()];
}

/** Complaints per day, stacked by category, priority or channel. */
export function complaintsPerDay(t: Translate, a: ComplaintAnalytics, dim: Dimension): ChartOption {
  const pick =
    dim === 'category'
      ? (d: ComplaintAnalytics['perDay'][number]) => d.byCategory
      : dim === 'priority'
        ? (d: ComplaintAnalytics['perDay'][number]) => d.byPriority
        : (d: ComplaintAnalytics['perDay'][number]) => d.byChannel;
  const order: readonly string[] =
    dim === 'category' ? categories : dim === 'priority' ? priorities : complaintChannels;
  const label = (k: string) =>
    dim === 'category' ? categoryText(t, k) : dim === 'channel' ? complaintChannelText(t, k) : k;
  const color = (k: string) =>
    (dim === 'category'
      ? categoryColors[k]
      : dim === 'priority'
        ? priorityColor[k as keyof typeof priorityColor]
        : channelColors[k]) ?? '#8c9bb0';
  return stackedBarsPerDay(
    a.perDay.map((d) => d.day),
    keysOf(a.perDay, pick, order).map((k) => ({
      name: label(k),
      color: color(k),
      data: a.perDay.map((d) => pick(d)[k] ?? 0),
    })),
  );
}

export function riskWords(t: Translate, a: ComplaintAnalytics): ChartOption {
  return barsByLabel(
    a.topRiskWords.map((w) => w.word),
    [{ name: t('dash.riskWords'), color: '#e5484d', data: a.topRiskWords.map((w) => w.count) }],
  );
}

/** Blocking over time: additions against releases per day. */
export function blocking(t: Translate, a: BlocklistAnalytics): ChartOption {
  return linesPerDay(
    a.perDay.map((d) => d.day),
    [
      { name: t('blk.ov.series.added'), color: '#e5484d', data: a.perDay.map((d) => d.added) },
      { name: t('blk.ov.series.released'), color: '#30a46c', data: a.perDay.map((d) => d.released) },
    ],
  );
}

const decisionOrder = ['allow', 'spam', 'quarantine', 'limit', 'restrict', 'block', 'drop'] as const;
const decisionColors: Record<string, string> = {
  allow: '#30a46c',
  block: '#e5484d',
  limit: '#f76b15',
  restrict: '#d4a106',
  drop: '#8c9bb0',
  spam: '#c2410c',
  quarantine: '#8e4ec6',
};

/** Screened messages per day, stacked by decision. */
export function screenedByDecision(t: Translate, o: OverviewFigures): ChartOption {
  const seen = new Set(o.screened.flatMap((d) => Object.keys(d.byDecision)));
  const keys = [
    ...decisionOrder.filter((k) => seen.has(k)),
    ...[...seen].filter((k) => !decisionOrder.includes(k as never)),
  ];
  return stackedBarsPerDay(
    o.screened.map((d) => d.day),
    keys.map((k) => ({
      name: decisionText(t, k),
      color: decisionColors[k] ?? '#8c9bb0',
      data: o.screened.map((d) => d.byDecision[k] ?? 0),
    })),
  );
}

/** Complaints opened against resolved per day. */
export function complaintsOpenedResolved(t: Translate, o: OverviewFigures): ChartOption {
  return linesPerDay(
    o.complaints.map((d) => d.day),
    [
      { name: t('wb.series.opened'), color: '#f76b15', data: o.complaints.map((d) => d.opened) },
      { name: t('wb.series.resolved'), color: '#30a46c', data: o.complaints.map((d) => d.resolved) },
    ],
  );
}

/** Enforced and shadow hits, the two series every rule chart stacks. */
const hitSeries = (t: Translate, rows: readonly { enforced: number; shadow: number }[]): SeriesOf[] => [
  { name: t('wb.series.enforced'), color: '#e5484d', data: rows.map((r) => r.enforced) },
  { name: t('wb.series.shadow'), color: '#8c9bb0', data: rows.map((r) => r.shadow) },
];

/** The rules with the most hits: enforced and shadow hits per rule over the period. */
export function ruleHits(t: Translate, rules: readonly RuleFiguresView[], top = 10): ChartOption {
  const shown = [...rules].sort((a, b) => b.hits - a.hits || a.name.localeCompare(b.name)).slice(0, top);
  return barsByLabel(
    shown.map((r) => r.name),
    hitSeries(t, shown),
  );
}

/** One rule's hits per day, enforced and shadow stacked (the rule's page). */
export function ruleHitsPerDay(t: Translate, rule: RuleFiguresView): ChartOption {
  return stackedBarsPerDay(
    rule.perDay.map((d) => d.day),
    hitSeries(t, rule.perDay),
    24,
  );
}
