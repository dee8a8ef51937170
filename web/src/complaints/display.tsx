import { useQuery } from '@tanstack/react-query';
import { App, Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { Fragment, type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api';
import { tierText } from '../coded-text';
import { zhCN } from '../i18n/zh-CN';
import { LoadError } from '../layout/load-error';
import './complaints.css';
import { channelText as blocklistChannelText } from '../blocklist/display';
import { errorText } from '../errors';
import { useFormatTime } from '../format';
import { type MessageKey, type Translate, useLocale, useT } from '../i18n';
import {
  type Complaint,
  type ComplaintCategoryInfo,
  type ComplaintStatus,
  categories,
  complaintKeys,
  complaintStatuses,
  complaints,
  isOpen,
  knownTeams,
  type Priority,
  type SeverityFactor,
} from './api';

export const priorityColor: Record<Priority, string> = {
  P1: '#e5484d',
  P2: '#f76b15',
  P3: '#d4a106',
  P4: '#1668dc',
};

const priorityTagColor: Record<Priority, string> = { P1: 'red', P2: 'volcano', P3: 'gold', P4: 'blue' };

export function PriorityTag({ priority }: { priority: Priority }) {
  const t = useT();
  return (
    <Tooltip title={t(`cmp.priority.${priority}`)}>
      <Tag
        color={priorityTagColor[priority] ?? 'default'}
        data-testid="cmp-priority"
        style={{ marginInlineEnd: 0, fontWeight: 600 }}
      >
        {priority}
      </Tag>
    </Tooltip>
  );
}

/** 0–100: red from 75 (P1's threshold), orange from 50, gold from 30. */
export const severityColor = (n: number) =>
  n >= 75 ? priorityColor.P1 : n >= 50 ? priorityColor.P2 : n >= 30 ? priorityColor.P3 : priorityColor.P4;

/** The score as a number with a short bar under it. */
export function SeverityBar({ severity, width = 72 }: { severity: number; width?: number }) {
  return (
    <Flex vertical gap={0} style={{ width }} data-testid="cmp-severity">
      <Typography.Text strong style={{ color: severityColor(severity), lineHeight: 1.2 }}>
        {severity}
      </Typography.Text>
      <Progress
        percent={severity}
        showInfo={false}
        size={{ height: 4 }}
        strokeColor={severityColor(severity)}
        style={{ margin: 0 }}
      />
    </Flex>
  );
}

const statusColor: Record<ComplaintStatus, string> = {
  received: 'blue',
  processing: 'processing',
  resolved: 'green',
  closed: 'default',
  reopened: 'magenta',
};

export const statusText = (t: Translate, s: string) =>
  (complaintStatuses as readonly string[]).includes(s) ? t(`cmp.status.${s}` as MessageKey) : s;

export function ComplaintStatusTag({ status }: { status: ComplaintStatus }) {
  const t = useT();
  return (
    <Tag color={statusColor[status] ?? 'default'} data-testid="cmp-status" style={{ marginInlineEnd: 0 }}>
      {statusText(t, status)}
    </Tag>
  );
}

export const categoryText = (t: Translate, c: string) =>
  (categories as readonly string[]).includes(c) ? t(`cmp.category.${c}` as MessageKey) : c;

/**
 * The complaint categories in force (built-ins and the team's own, from
 * settings) and a key → label in the current language: the team's label, else
 * the built-in's, else the key (a category removed since).
 */
export function useComplaintCategories() {
  const t = useT();
  const { locale } = useLocale();
  const list = useQuery({
    queryKey: complaintKeys.categories,
    queryFn: complaints.categories,
    staleTime: 60_000,
  });
  const items = useMemo(() => list.data?.items ?? ([] as ComplaintCategoryInfo[]), [list.data]);
  const byKey = useMemo(() => new Map(items.map((c) => [c.key, c])), [items]);
  const labelOf = useCallback(
    (key: string) => {
      const label = byKey.get(key)?.label;
      return label ? label[locale] || label.en || key : categoryText(t, key);
    },
    [byKey, locale, t],
  );
  return { list, items, labelOf };
}

/** Channels as the blocklist names them, plus `phone` (a call an agent logged). */
export const complaintChannelText = (t: Translate, c: string) =>
  c === 'phone' ? t('cmp.channel.phone') : blocklistChannelText(t, c);

/** The default routing's teams in the reader's language; a team configured otherwise shows as its key. */
export const teamText = (t: Translate, team: string) =>
  (knownTeams as readonly string[]).includes(team) ? t(`cmp.team.${team}` as MessageKey) : team;

/** Team, and the queue when it is not the team's own (the senior queue). */
export function TeamText({ complaint }: { complaint: Pick<Complaint, 'team' | 'queue'> }) {
  const t = useT();
  return (
    <Flex vertical gap={0} data-testid="cmp-team">
      <Typography.Text>{teamText(t, complaint.team)}</Typography.Text>
      {complaint.queue !== complaint.team && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cmp.queue')}: {teamText(t, complaint.queue)}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** −1..1 → a word and the number. */
export function sentimentText(t: Translate, s: number): string {
  const word =
    s <= -0.6
      ? t('cmp.sentiment.strong')
      : s <= -0.3
        ? t('cmp.sentiment.negative')
        : s < 0.2
          ? t('cmp.sentiment.neutral')
          : t('cmp.sentiment.positive');
  return `${word} (${s.toFixed(2)})`;
}

/** The current time, refreshed every `everyMs`, for countdowns. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** 7_500_000 → "2 小时 5 分" / "2h 5m"; two units at most. */
export function durationText(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('cmp.dur.dh', { d, h });
  if (h > 0) return t('cmp.dur.hm', { h, m });
  return t('cmp.dur.m', { m });
}

/**
 * The SLA due time with what it means now: a countdown while open, "overdue"
 * in red past it, and for a resolved complaint whether it was met.
 */
export function SlaDue({
  complaint,
  now,
  compact = false,
}: {
  complaint: Pick<Complaint, 'slaDueAt' | 'status' | 'resolvedAt' | 'escalatedAt'>;
  now: number;
  compact?: boolean;
}) {
  const t = useT();
  const formatTime = useFormatTime();
  const due = Date.parse(complaint.slaDueAt);
  let state: ReactNode;
  let overdue = false;
  if (isOpen(complaint.status)) {
    overdue = now > due;
    state = overdue ? (
      <Typography.Text type="danger" strong data-testid="cmp-sla-overdue">
        {t('cmp.sla.overdue', { d: durationText(t, now - due) })}
      </Typography.Text>
    ) : (
      <Typography.Text type={due - now < 3_600_000 ? 'warning' : undefined} data-testid="cmp-sla-left">
        {t('cmp.sla.left', { d: durationText(t, due - now) })}
      </Typography.Text>
    );
  } else if (complaint.resolvedAt) {
    const met = Date.parse(complaint.resolvedAt) <= due;
    state = (
      <Typography.Text type={met ? 'success' : 'danger'} data-testid="cmp-sla-result">
        {met ? t('cmp.sla.met') : t('cmp.sla.missed')}
      </Typography.Text>
    );
  }
  return (
    <Flex
      vertical
      gap={0}
      data-testid="cmp-sla"
      className={overdue ? 'warden-cmp-overdue' : undefined}
      style={overdue ? { background: '#fff1f0', borderRadius: 4, padding: '0 4px' } : undefined}
    >
      {state}
      <Typography.Text type="secondary" style={{ fontSize: compact ? 12 : undefined }}>
        {formatTime(complaint.slaDueAt)}
      </Typography.Text>
      {complaint.escalatedAt && (
        <Tag color="red" style={{ alignSelf: 'flex-start', marginTop: 2, marginInlineEnd: 0 }}>
          {t('cmp.escalated')}
        </Tag>
      )}
    </Flex>
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with its risk words marked. The server finds them after
 * normalising (full width, spaces between characters), so a word it found
 * that does not appear as written is simply not marked here.
 */
export function RiskText({ text, words }: { text: string; words: readonly string[] }) {
  const list = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  if (list.length === 0) return <>{text}</>;
  const re = new RegExp(`(${list.map(escapeRegExp).join('|')})`, 'gi');
  const lower = list.map((w) => w.toLowerCase());
  return (
    <>
      {text.split(re).map((part, i) =>
        lower.includes(part.toLowerCase()) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order
          <mark key={i} className="warden-risk" data-testid="cmp-risk-mark">
            {part}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

export function RiskWordTags({ words }: { words: readonly string[] }) {
  const t = useT();
  if (words.length === 0) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Flex gap={4} wrap data-testid="cmp-risk-words">
      {words.map((w) => (
        <Tag key={w} color="red" style={{ marginInlineEnd: 0 }}>
          {w}
        </Tag>
      ))}
    </Flex>
  );
}

const factorNames = [
  'base',
  'sentiment',
  'risk_words',
  'vip_tier',
  'frequency',
  'multi_channel',
  'waiting',
  'sla_overdue',
];

export const factorName = (t: Translate, name: string) =>
  factorNames.includes(name)
    ? t(`cmp.factor.${name}` as MessageKey)
    : `set.signal.${name}` in zhCN
      ? t(`set.signal.${name}` as MessageKey)
      : name;

/** The server words factor details in English (src/complaints/severity.ts); the usual ones in ours. */
export function factorDetail(t: Translate, f: SeverityFactor, formatTime: (iso: string) => string): string {
  const d = f.detail;
  if (d === 'reads as a complaint') return t('cmp.factorDetail.base');
  // A grave signal found without words of its own names only its kind.
  if (d === f.name) return factorName(t, d);
  let m = /^strongly negative \((-?[\d.]+)\)$/.exec(d);
  if (m) return t('cmp.factorDetail.strong', { s: m[1] ?? '' });
  m = /^negative \((-?[\d.]+)\)$/.exec(d);
  if (m) return t('cmp.factorDetail.negative', { s: m[1] ?? '' });
  m = /^tier (\S+)$/.exec(d);
  if (m) return t('cmp.factorDetail.tier', { tier: tierText(t, m[1] ?? '') });
  m = /^(\d+) complaints in (\d+) days$/.exec(d);
  if (m) return t('cmp.factorDetail.frequency', { n: m[1] ?? '', days: m[2] ?? '' });
  m = /^same issue on (.+) within (\d+) days$/.exec(d);
  if (m)
    return t('cmp.factorDetail.multi', {
      channels: (m[1] ?? '')
        .split(', ')
        .map((c) => complaintChannelText(t, c))
        .join('、'),
      days: m[2] ?? '',
    });
  m = /^not handled by (\S+)$/.exec(d);
  if (m) return t('cmp.factorDetail.notHandled', { at: formatTime(m[1] ?? '') });
  return d;
}

/** Each factor as a bar of its points, largest first, with its detail. */
export function FactorBars({ factors, severity }: { factors: SeverityFactor[]; severity: number }) {
  const t = useT();
  const formatTime = useFormatTime();
  const sorted = [...factors].sort((a, b) => b.points - a.points);
  const max = Math.max(1, ...sorted.map((f) => f.points));
  const total = factors.reduce((n, f) => n + f.points, 0);
  return (
    <Flex vertical gap={10} data-testid="cmp-factors">
      {sorted.map((f) => (
        <div key={`${f.name}:${f.detail}`} data-testid={`cmp-factor-${f.name}`}>
          <Flex justify="space-between" align="baseline" gap={8}>
            <Typography.Text strong>{factorName(t, f.name)}</Typography.Text>
            <Typography.Text className="warden-mono" data-testid="cmp-factor-points">
              +{f.points}
            </Typography.Text>
          </Flex>
          <Progress
            percent={Math.round((f.points / max) * 100)}
            showInfo={false}
            size={{ height: 8 }}
            strokeColor={severityColor(severity)}
            style={{ margin: '2px 0' }}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="cmp-factor-detail">
            {factorDetail(t, f, formatTime)}
          </Typography.Text>
        </div>
      ))}
      {total > 100 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cmp.factor.capped', { total })}
        </Typography.Text>
      )}
    </Flex>
  );
}

const complaintCodes = new Set<string>([
  'COMPLAINT_NOT_FOUND',
  'COMPLAINT_TRANSITION_INVALID',
  'CUSTOMER_NOT_FOUND',
  'INVALID_IDENTIFIER',
]);

/** `errorText` plus complaints' and customers' codes. */
export function complaintErrorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError && complaintCodes.has(err.code) && !err.identifier)
    return t(`error.${err.code}` as MessageKey, { detail: err.detail });
  return errorText(t, err);
}

export function useReportComplaintError(): (err: unknown) => void {
  const t = useT();
  const { message } = App.useApp();
  return useCallback((err: unknown) => void message.error(complaintErrorText(t, err)), [t, message]);
}

/** `LoadError` in complaints' words (e.g. a customer or complaint that does not exist). */
export function LoadProblem({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <LoadError error={error} onRetry={onRetry} wording={complaintErrorText} />;
}
