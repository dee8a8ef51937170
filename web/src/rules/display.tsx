import { WarningFilled } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { channelText, idTypeText, windowText } from '../blocklist/display';
import { type MessageKey, type Translate, useT } from '../i18n';
import type { Condition, RuleAction, RuleMode, RuleStats } from './api';

const listText = (items: readonly string[], max = 3) =>
  items.length > max ? `${items.slice(0, max).join(', ')} +${items.length - max}` : items.join(', ');

/** One condition in a few words: "keywords (加微信, 刷单)", "not channel in SMS". */
export function conditionText(t: Translate, c: Condition): string {
  if ('all' in c || 'any' in c) {
    const children = 'all' in c ? c.all : c.any;
    const parts = children.map((x) => conditionText(t, x));
    if (parts.length === 1) return parts[0] ?? '';
    return `(${parts.join('all' in c ? t('rules.sum.and') : t('rules.sum.or'))})`;
  }
  if ('not' in c) return `${t('rules.sum.not')}${conditionText(t, c.not)}`;
  if ('keywords' in c) return t('rules.sum.keywords', { list: listText(c.keywords.list) });
  if ('regex' in c) return t('rules.sum.regex', { pattern: `/${c.regex.pattern}/${c.regex.flags ?? ''}` });
  if ('channel' in c)
    return t('rules.sum.channel', { list: listText(c.channel.in.map((x) => channelText(t, x))) });
  if ('source' in c) return t('rules.sum.source', { list: listText(c.source.in) });
  if ('identifierType' in c)
    return t('rules.sum.identifierType', {
      list: listText(c.identifierType.in.map((x) => idTypeText(t, x))),
    });
  if ('tier' in c) return t('rules.sum.tier', { list: listText(c.tier.in) });
  if ('messageCount' in c)
    return t('rules.sum.messageCount', {
      gt: c.messageCount.gt,
      window: windowText(t, c.messageCount.windowSeconds),
    });
  if ('duplicate' in c)
    return t(c.duplicate.scope === 'all' ? 'rules.sum.duplicateAll' : 'rules.sum.duplicate', {
      window: windowText(t, c.duplicate.windowSeconds),
    });
  if ('spamScore' in c) return t('rules.sum.spamScore', { n: c.spamScore.gte });
  if ('sentiment' in c) return t('rules.sum.sentiment', { n: c.sentiment.lte });
  if ('timeOfDay' in c) return t('rules.sum.timeOfDay', { from: c.timeOfDay.from, to: c.timeOfDay.to });
  return JSON.stringify(c);
}

export function actionText(t: Translate, a: RuleAction): string {
  const name = t(`act.type.${a.type}` as MessageKey);
  switch (a.type) {
    case 'tag':
      return `${name} ${a.value}`;
    case 'route':
      return `${name} ${a.team}`;
    case 'set_priority':
      return `${name} ${a.priority}`;
    case 'add_to_blocklist':
      return `${name} L${a.level}`;
    default:
      return name;
  }
}

/** "关键词（加微信, 刷单）且 渠道 短信 → 标记垃圾, 打标签 ad" */
export function ruleSummary(t: Translate, r: { conditions: Condition; actions: RuleAction[] }): string {
  const cond = conditionText(t, r.conditions).replace(/^\((.*)\)$/, '$1');
  return `${cond} → ${r.actions.map((a) => actionText(t, a)).join(', ')}`;
}

export function ModeTag({ mode }: { mode: RuleMode }) {
  const t = useT();
  return (
    <Tooltip title={t(mode === 'shadow' ? 'rules.mode.shadowHint' : 'rules.mode.enforceHint')}>
      <Tag
        color={mode === 'shadow' ? 'purple' : 'blue'}
        data-testid="rule-mode"
        style={{ marginInlineEnd: 0 }}
      >
        {t(`rules.mode.${mode}`)}
      </Tag>
    </Tooltip>
  );
}

export const precisionText = (p: number | null) => (p === null ? '—' : `${Math.round(p * 100)}%`);

/** Hits and precision in one cell; a flagged rule (many false positives) is marked. */
export function StatsSummary({ stats }: { stats: RuleStats | undefined }) {
  const t = useT();
  if (!stats) return <Typography.Text type="secondary">…</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="rule-stats">
      <Typography.Text>
        <span data-testid="rule-stats-hits">{t('rules.stats.hitsN', { n: stats.hits })}</span>
        {stats.shadow > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {' '}
            {t('rules.stats.shadowN', { n: stats.shadow })}
          </Typography.Text>
        )}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('rules.stats.precisionN', { p: precisionText(stats.precision) })}
      </Typography.Text>
      {stats.flagged && (
        <Tooltip title={t('rules.stats.flaggedHint')}>
          <Tag color="red" icon={<WarningFilled />} data-testid="rule-flagged" style={{ marginInlineEnd: 0 }}>
            {t('rules.stats.flagged')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
