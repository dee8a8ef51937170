import type { BlocklistAnalytics } from '../blocklist/api';
import type { ChartOption } from '../blocklist/echart';
import { type ComplaintAnalytics, categories, complaintChannels, priorities } from '../complaints/api';
import { categoryText, complaintChannelText, priorityColor } from '../complaints/display';
import type { Translate } from '../i18n';

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
