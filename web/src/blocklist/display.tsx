import { useQuery } from '@tanstack/react-query';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { apiKeys, users } from '../api';
import { CustomerName } from '../customers/display';
import { type MessageKey, type Translate, useLocale, useT } from '../i18n';
import { can, useMe } from '../session';
import {
  type BlocklistEntry,
  blocklist,
  blocklistKeys,
  type Category,
  type Level,
  type RateLimit,
} from './api';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

/** 86400 → "天" / "day", 7200 → "2 小时" / "2 hours". */
export function windowText(t: Translate, seconds: number): string {
  const unit = (size: number, one: MessageKey, many: MessageKey) =>
    seconds === size ? t(one) : t(many, { n: seconds / size });
  if (seconds % DAY === 0) return unit(DAY, 'blk.window.day1', 'blk.window.day');
  if (seconds % HOUR === 0) return unit(HOUR, 'blk.window.hour1', 'blk.window.hour');
  if (seconds % MINUTE === 0) return unit(MINUTE, 'blk.window.minute1', 'blk.window.minute');
  return t('blk.window.second', { n: seconds });
}

/** "5 条/天" / "5 per day". */
export const limitText = (t: Translate, limit: RateLimit) =>
  t('blk.limitText', { max: limit.max, window: windowText(t, limit.windowSeconds) });

export const channelText = (t: Translate, c: string) => t(`blk.channel.${c}` as MessageKey) ?? c;

export const levelColor: Record<Level, string> = { 1: 'red', 2: 'orange', 3: 'gold' };

/** The level with what it means for this entry: "2 限频 · 5 条/天", "3 限渠道 · 仅 邮件". */
export function levelDetail(
  t: Translate,
  e: Pick<BlocklistEntry, 'level' | 'limit' | 'allowedChannels'>,
): string | null {
  if (e.level === 2 && e.limit) return limitText(t, e.limit);
  if (e.level === 3 && e.allowedChannels)
    return t('blk.onlyChannels', { channels: e.allowedChannels.map((c) => channelText(t, c)).join('、') });
  return null;
}

export function LevelTag({ entry }: { entry: Pick<BlocklistEntry, 'level' | 'limit' | 'allowedChannels'> }) {
  const t = useT();
  const detail = levelDetail(t, entry);
  return (
    <Space orientation="vertical" size={2}>
      <Tag color={levelColor[entry.level]} data-testid="blk-level" style={{ marginInlineEnd: 0 }}>
        {entry.level} {t(`blk.level.${entry.level}`)}
      </Tag>
      {detail && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {detail}
        </Typography.Text>
      )}
    </Space>
  );
}

const statusColor: Record<string, string> = {
  pending: 'purple',
  scheduled: 'blue',
  active: 'green',
  expired: 'default',
  released: 'default',
  rejected: 'default',
};

export function StatusTag({ entry }: { entry: Pick<BlocklistEntry, 'status' | 'reviewDue'> }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Tag color={statusColor[entry.status]} data-testid="blk-status" style={{ marginInlineEnd: 0 }}>
        {t(`blk.status.${entry.status}` as MessageKey)}
      </Tag>
      {entry.reviewDue && (
        <Tag color="volcano" data-testid="blk-review-due" style={{ marginInlineEnd: 0, fontWeight: 600 }}>
          {t('blk.status.review_due')}
        </Tag>
      )}
    </Space>
  );
}

export function sourceText(t: Translate, source: string): string {
  if (source.startsWith('rule:')) return `${t('blk.source.rule')} ${source.slice(5)}`;
  if (source === 'manual' || source === 'import' || source === 'rule') return t(`blk.source.${source}`);
  return source;
}

export function idTypeText(t: Translate, type: string): string {
  const known = ['phone', 'email', 'user_id', 'device_id', 'open_id', 'ip', 'email_domain', 'phone_prefix'];
  return known.includes(type) ? t(`blk.idType.${type}` as MessageKey) : type;
}

/** "手机号 +8613900139000" or "客户 cus_…". */
export function TargetText({
  entry,
}: {
  entry: Pick<BlocklistEntry, 'identifier' | 'customerId'> & { customer?: BlocklistEntry['customer'] };
}) {
  const t = useT();
  if (entry.identifier)
    return (
      <Space size={6} data-testid="blk-target">
        <Tag bordered={false} style={{ marginInlineEnd: 0 }}>
          {idTypeText(t, entry.identifier.type)}
        </Tag>
        <Typography.Text className="warden-mono">{entry.identifier.value}</Typography.Text>
      </Space>
    );
  return (
    <Space size={6} data-testid="blk-target">
      <Tag bordered={false} color="geekblue" style={{ marginInlineEnd: 0 }}>
        {t('blk.customer')}
      </Tag>
      <CustomerName card={entry.customer} fallback={entry.customerId ?? undefined} />
    </Space>
  );
}

/** Categories, and a key → label in the current language. */
export function useCategories() {
  const { locale } = useLocale();
  const list = useQuery({
    queryKey: blocklistKeys.categories,
    queryFn: blocklist.categories,
    staleTime: 60_000,
  });
  const byKey = useMemo(() => new Map((list.data?.items ?? []).map((c) => [c.key, c])), [list.data]);
  const labelOf = useCallback(
    (key: string) => {
      const c = byKey.get(key);
      if (c) return c.labels[locale] || c.labels.en || key;
      // Until the list has come, the key ("harassment") is no word for a reader: a dash.
      return list.data ? key : '—';
    },
    [byKey, locale, list.data],
  );
  return { list, items: list.data?.items ?? ([] as Category[]), byKey, labelOf };
}

/** Users and API keys by id, where this person may list them; ids otherwise. */
export function useActorName(): (actor: { type: string; id: string | null }) => string {
  const t = useT();
  const me = useMe();
  const people = useQuery({ queryKey: ['users'], queryFn: users.list, enabled: can(me.data, 'users:read') });
  const keys = useQuery({
    queryKey: ['api-keys'],
    queryFn: apiKeys.list,
    enabled: can(me.data, 'apikeys:read'),
  });
  const assignable = useQuery({
    queryKey: ['users', 'assignable'],
    queryFn: users.assignable,
    enabled: can(me.data, 'users:assignable'),
    staleTime: 60_000,
  });
  const names = useMemo(() => {
    const m = new Map<string, string>();
    // People by name (supervisors see colleagues' names); the e-mail only where there is no name.
    for (const u of people.data?.items ?? []) m.set(u.id, u.name || u.email);
    for (const u of assignable.data?.items ?? []) m.set(u.id, u.name);
    for (const k of keys.data?.items ?? []) m.set(k.id, k.name);
    return m;
  }, [people.data, assignable.data, keys.data]);
  return useCallback(
    (actor) => {
      if (actor.type === 'system' || !actor.id) return t('audit.actor.system');
      // The CLI's id is the operating-system account (`cli:root`); the audit log keeps it.
      if (actor.type === 'cli') return t('audit.actor.cli');
      if (actor.id === me.data?.user?.id)
        return t('common.youName', { name: me.data.user.name || me.data.user.email });
      return names.get(actor.id) ?? actor.id;
    },
    [names, t, me.data],
  );
}

/** The server words a key customer's risks in English; we say them in the reader's language. */
export function riskText(t: Translate, risk: string): string {
  if (/marked protected/.test(risk)) return t('blk.risk.protected');
  const tier = /tier is (\S+)/.exec(risk);
  if (tier?.[1]) return t('blk.risk.tier', { tier: tier[1].toUpperCase() });
  const ltv = /lifetime value (\S+) is at or above (\S+)/.exec(risk);
  if (ltv?.[1] && ltv[2]) return t('blk.risk.ltv', { value: ltv[1], threshold: ltv[2] });
  return risk;
}

export function Mono({ children, tip }: { children: string; tip?: string }) {
  const text = <Typography.Text className="warden-mono">{children}</Typography.Text>;
  return tip ? <Tooltip title={tip}>{text}</Tooltip> : text;
}
