import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { CustomerCard } from '../../../src/identity/model.js';
import { tierText } from '../coded-text';
import { useLocale, useT } from '../i18n';

const tierColor: Record<string, string> = {
  standard: 'default',
  silver: 'cyan',
  gold: 'gold',
  vip: 'magenta',
  svip: 'purple',
};

/** Tiers are configurable: a known one gets a colour, any other shows as written. */
export function TierTag({ tier }: { tier: string }) {
  const t = useT();
  return (
    <Tag color={tierColor[tier] ?? 'blue'} style={{ marginInlineEnd: 0 }} data-testid="cus-tier">
      {tierText(t, tier)}
    </Tag>
  );
}

export function ProtectedTag() {
  const t = useT();
  return (
    <Tooltip title={t('cus.protected.hint')}>
      <Tag
        color="green"
        icon={<SafetyCertificateOutlined />}
        style={{ marginInlineEnd: 0 }}
        data-testid="cus-protected"
      >
        {t('cus.protected')}
      </Tag>
    </Tooltip>
  );
}

/** Lifetime value as a number in the reader's locale (the server stores no currency). */
export function useFormatMoney(): (n: number) => string {
  const { locale } = useLocale();
  const f = new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: 2 });
  return (n) => f.format(n);
}

/**
 * A customer as a person on lists: name (else the masked contact), the
 * masked contact beside it, the tier, and a mark for a key customer. The id
 * is left to the link around it.
 */
export function CustomerName({
  card,
  fallback,
}: {
  card: CustomerCard | null | undefined;
  fallback?: string;
}) {
  const t = useT();
  if (!card) return <Typography.Text className="warden-mono">{fallback ?? '—'}</Typography.Text>;
  return (
    <Space size={4} wrap data-testid="customer-card">
      <Typography.Text strong data-testid="customer-name">
        {card.name ?? card.contact ?? t('cus.noName')}
      </Typography.Text>
      {card.name && card.contact && (
        <Typography.Text
          type="secondary"
          className="warden-mono"
          style={{ fontSize: 12 }}
          data-testid="customer-contact"
        >
          {card.contact}
        </Typography.Text>
      )}
      {card.tier !== 'standard' && <TierTag tier={card.tier} />}
      {card.keyCustomer && (
        <Tooltip title={t('cus.key.hint')}>
          <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="customer-key">
            {t('cus.key')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
