import { useMemo } from 'react';
import type { CodedText } from '../../src/core/coded-text.js';
import { channelText, riskText } from './blocklist/display';
import { categoryText } from './complaints/display';
import { identifierText } from './errors';
import { useFormatTime } from './format';
import { type MessageKey, type Translate, useT } from './i18n';
import { zhCN } from './i18n/zh-CN';

export type { CodedText };

const known = (key: string): key is MessageKey => key in zhCN;

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** A window in seconds as people say it: 86400 → "1 天" / "1 days". */
export function durationText(t: Translate, seconds: number): string {
  if (seconds > 0 && seconds % 86_400 === 0) return t('duration.days', { n: seconds / 86_400 });
  if (seconds > 0 && seconds % 3600 === 0) return t('duration.hours', { n: seconds / 3600 });
  if (seconds > 0 && seconds % 60 === 0) return t('duration.minutes', { n: seconds / 60 });
  return t('duration.seconds', { n: seconds });
}

/** A tier in the reader's language; a tier an admin made up shows as written. */
export function tierText(t: Translate, tier: string): string {
  const key = `tier.${tier}`;
  return known(key) ? t(key) : tier.toUpperCase();
}

/**
 * Words a server code (src/core/coded-text.ts) in the reader's language, with
 * the server's English text as the fallback for a code this console does not
 * know yet (a newer server) — never a raw code.
 */
export function useWordCoded(): (coded: CodedText | null | undefined, fallback: string) => string {
  const t = useT();
  const formatTime = useFormatTime();
  return useMemo(() => {
    const word = (coded: CodedText | null | undefined, fallback: string): string => {
      if (!coded) return fallback;
      const p = coded.params;
      if (coded.code === 'text') return str(p.text) || fallback;
      const key = `code.${coded.code}`;
      if (!known(key)) return fallback;
      const values: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(p))
        if (typeof v === 'string' || typeof v === 'number') values[k] = v;
      if (typeof p.windowSeconds === 'number') values.window = durationText(t, p.windowSeconds);
      if (Array.isArray(p.details))
        values.details = (p.details as CodedText[])
          .map((d) => word(d, str(d?.params?.text)))
          .join(t('code.list.separator'));
      if (typeof p.status === 'string' && known(`blk.status.${p.status}`))
        values.status = t(`blk.status.${p.status}` as MessageKey);
      if (typeof p.category === 'string') values.category = categoryText(t, p.category);
      if (typeof p.channel === 'string') values.channel = channelText(t, p.channel);
      values.ref = str(p.reference) || str(p.complaintId);
      // A bad identifier: its type's words, and what is wrong when the server knows.
      if (coded.code.startsWith('INVALID_')) return identifierText(t, coded) ?? fallback;
      switch (coded.code) {
        case 'rule.duplicate':
          values.scope =
            t(p.scope === 'all' ? 'code.rule.duplicate.all' : 'code.rule.duplicate.sender') +
            (p.near === true ? t('code.rule.duplicate.near') : '');
          break;
        case 'rule.attribute': {
          const a = `code.rule.attribute.${str(p.attribute)}`;
          if (known(a)) values.attribute = t(a);
          if (p.attribute === 'channel') values.value = channelText(t, str(p.value));
          if (p.attribute === 'tier') values.value = tierText(t, str(p.value));
          break;
        }
        case 'alert.surge':
          values.subject = t(p.kind === 'topic' ? 'code.alert.surge.topic' : 'code.alert.surge.category', {
            value: p.kind === 'topic' ? str(p.value) : categoryText(t, str(p.value)),
          });
          values.hour = formatTime(str(p.hour));
          break;
        case 'import.needs_confirmation':
          values.risks = (Array.isArray(p.risks) ? p.risks : [])
            .map((r) => riskText(t, str(r)))
            .join(t('code.list.separator'));
          break;
        case 'alert.winback_due': {
          const m = `wb.ms.${str(p.milestone)}`;
          values.milestone = known(m) ? t(m as MessageKey) : str(p.milestone);
          break;
        }
        case 'alert.blocked_sender_complaint': {
          const d = `code.decision.${str(p.decision)}`;
          values.decision = known(d) ? t(d) : str(p.decision);
          values.signals = (Array.isArray(p.signals) ? p.signals : [])
            .map((s) => (known(`set.signal.${s}`) ? t(`set.signal.${s}` as MessageKey) : str(s)))
            .join(t('code.list.separator'));
          break;
        }
      }
      return t(key, values);
    };
    return word;
  }, [t, formatTime]);
}
