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
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: a.perDay.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keysOf(a.perDay, pick, order).map((k) => ({
      name: label(k),
      type: 'bar',
      stack: 'total',
      barMaxWidth: 28,
      itemStyle: { color: color(k) },
      emphasis: { focus: 'series' },
      data: a.perDay.map((d) => pick(d)[k] ?? 0),
    })),
  };
}

export function riskWords(t: Translate, a: ComplaintAnalytics): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: a.topRiskWords.map((w) => w.word) },
    series: [
      {
        name: t('dash.riskWords'),
        type: 'bar',
        barMaxWidth: 18,
        itemStyle: { color: '#e5484d' },
        data: a.topRiskWords.map((w) => w.count),
      },
    ],
  };
}

/** Blocking over time: additions against releases per day. */
export function blocking(t: Translate, a: BlocklistAnalytics): ChartOption {
  const line = (name: string, color: string, data: number[]) => ({
    name,
    type: 'line' as const,
    showSymbol: false,
    areaStyle: { opacity: 0.12 },
    itemStyle: { color },
    data,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: a.perDay.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      line(
        t('blk.ov.series.added'),
        '#e5484d',
        a.perDay.map((d) => d.added),
      ),
      line(
        t('blk.ov.series.released'),
        '#30a46c',
        a.perDay.map((d) => d.released),
      ),
    ],
  };
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
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: o.screened.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((k) => ({
      name: decisionText(t, k),
      type: 'bar',
      stack: 'total',
      barMaxWidth: 28,
      itemStyle: { color: decisionColors[k] ?? '#8c9bb0' },
      emphasis: { focus: 'series' },
      data: o.screened.map((d) => d.byDecision[k] ?? 0),
    })),
  };
}

/** Complaints opened against resolved per day. */
export function complaintsOpenedResolved(t: Translate, o: OverviewFigures): ChartOption {
  const line = (name: string, color: string, data: number[]) => ({
    name,
    type: 'line' as const,
    showSymbol: false,
    areaStyle: { opacity: 0.12 },
    itemStyle: { color },
    data,
  });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: o.complaints.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      line(
        t('wb.series.opened'),
        '#f76b15',
        o.complaints.map((d) => d.opened),
      ),
      line(
        t('wb.series.resolved'),
        '#30a46c',
        o.complaints.map((d) => d.resolved),
      ),
    ],
  };
}

/** The rules with the most hits: enforced and shadow hits per rule over the period. */
export function ruleHits(t: Translate, rules: readonly RuleFiguresView[], top = 10): ChartOption {
  const shown = [...rules].sort((a, b) => b.hits - a.hits || a.name.localeCompare(b.name)).slice(0, top);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: shown.map((r) => r.name) },
    series: [
      {
        name: t('wb.series.enforced'),
        type: 'bar',
        stack: 'hits',
        barMaxWidth: 18,
        itemStyle: { color: '#e5484d' },
        data: shown.map((r) => r.enforced),
      },
      {
        name: t('wb.series.shadow'),
        type: 'bar',
        stack: 'hits',
        barMaxWidth: 18,
        itemStyle: { color: '#8c9bb0' },
        data: shown.map((r) => r.shadow),
      },
    ],
  };
}

/** One rule's hits per day, enforced and shadow stacked (the rule's page). */
export function ruleHitsPerDay(t: Translate, rule: RuleFiguresView): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rule.perDay.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('wb.series.enforced'),
        type: 'bar',
        stack: 'hits',
        barMaxWidth: 24,
        itemStyle: { color: '#e5484d' },
        data: rule.perDay.map((d) => d.enforced),
      },
      {
        name: t('wb.series.shadow'),
        type: 'bar',
        stack: 'hits',
        barMaxWidth: 24,
        itemStyle: { color: '#8c9bb0' },
        data: rule.perDay.map((d) => d.shadow),
      },
    ],
  };
}
