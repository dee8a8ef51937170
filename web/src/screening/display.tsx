import { Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { idTypeText } from '../blocklist/display';
import { useWordCoded } from '../coded-text';
import { type MessageKey, type Translate, useT } from '../i18n';
import type { Mark, ScreenReason } from './api';

export const decisionColor: Record<string, string> = {
  allow: 'green',
  block: 'red',
  limit: 'orange',
  restrict: 'gold',
  drop: 'default',
  spam: 'volcano',
  quarantine: 'purple',
};

const known = (t: Translate, prefix: string, value: string, list: readonly string[]) =>
  list.includes(value) ? t(`${prefix}.${value}` as MessageKey) : value;

export const decisionText = (t: Translate, d: string) =>
  known(t, 'decision', d, ['allow', 'block', 'limit', 'restrict', 'drop', 'spam', 'quarantine']);

export function DecisionTag({ decision }: { decision: string }) {
  const t = useT();
  return (
    <Tag
      color={decisionColor[decision] ?? 'default'}
      data-testid="msg-decision"
      style={{ marginInlineEnd: 0 }}
    >
      {decisionText(t, decision)}
    </Tag>
  );
}

export const markColor: Record<Mark, string> = { spam: 'volcano', not_spam: 'green', invalid: 'default' };

export function MarkTag({ mark }: { mark: Mark | null }) {
  const t = useT();
  if (!mark) return <Typography.Text type="secondary">{t('mark.none')}</Typography.Text>;
  return (
    <Tag color={markColor[mark]} data-testid="msg-mark" style={{ marginInlineEnd: 0 }}>
      {t(`mark.${mark}`)}
    </Tag>
  );
}

/**
 * A sender as the list shows it, so a glance at the screen does not give the
 * number away: `+8613800138000` → `+86 138****8000`, `wang@example.com` → `w***@example.com`.
 */
export function maskIdentifier(type: string, value: string): string {
  if (type === 'phone') {
    const cn = /^\+86(\d{3})\d{4}(\d{4})$/.exec(value);
    if (cn) return `+86 ${cn[1]}****${cn[2]}`;
    const other = /^(\+\d{1,3})?(\d*)(\d{4})$/.exec(value);
    if (other)
      return `${other[1] ? `${other[1]} ` : ''}${'*'.repeat(Math.min(6, other[2]?.length ?? 0))}${other[3]}`;
  }
  if (type === 'email') {
    const at = value.indexOf('@');
    if (at > 0) return `${value[0]}***${value.slice(at)}`;
  }
  if (type === 'ip') return value.replace(/\.\d+\.\d+$/, '.*.*');
  if (value.length <= 4) return '****';
  return `${value.slice(0, 3)}****${value.slice(-2)}`;
}

/** The first identifier, masked, with its type. */
export function SenderText({
  from,
  masked = true,
}: {
  from: { type: string; value: string }[];
  masked?: boolean;
}) {
  const t = useT();
  if (from.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {from.map((f) => (
        <Space key={`${f.type}:${f.value}`} size={4}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {idTypeText(t, f.type)}
          </Typography.Text>
          <Typography.Text className="warden-mono" data-testid="msg-sender">
            {masked ? maskIdentifier(f.type, f.value) : f.value}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}

/** A reason's detail in the reader's language (its code), else the server's English detail. */
export function useReasonText(): (r: ScreenReason) => string {
  const word = useWordCoded();
  return (r) => (r.code ? word({ code: r.code, params: r.params ?? {} }, r.detail) : r.detail);
}

/** Why: each reason as a tag (rule name, blocklist, opt-out), the detail on hover; rules link to their page. */
export function ReasonTags({ reasons }: { reasons: ScreenReason[] }) {
  const t = useT();
  const reasonText = useReasonText();
  if (reasons.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap data-testid="msg-reasons">
      {reasons.map((r, i) => {
        const label =
          r.kind === 'rule'
            ? (r.name ?? r.id ?? '')
            : known(t, 'reason.kind', r.kind, ['blocklist', 'opt_out', 'opt_in', 'limit']);
        const shadow = r.mode === 'shadow';
        const tag = (
          <Tag
            color={
              r.kind === 'rule'
                ? shadow
                  ? 'purple'
                  : 'geekblue'
                : r.kind === 'blocklist'
                  ? 'red'
                  : 'default'
            }
            style={{ marginInlineEnd: 0 }}
            data-testid={`msg-reason-${r.kind}`}
          >
            {label}
            {shadow ? ` · ${t('rules.mode.shadow')}` : ''}
          </Tag>
        );
        const linked =
          r.kind === 'rule' && r.id ? (
            <Link to={`/rules/${r.id}`} onClick={(e) => e.stopPropagation()}>
              {tag}
            </Link>
          ) : r.kind === 'blocklist' && r.id ? (
            <Link to={`/blocklist/${r.id}`} onClick={(e) => e.stopPropagation()}>
              {tag}
            </Link>
          ) : (
            tag
          );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id of their own and never reorder
          <Tooltip key={i} title={reasonText(r) || undefined}>
            {linked}
          </Tooltip>
        );
      })}
    </Space>
  );
}
