import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
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
  return (
    <Tag color={tierColor[tier] ?? 'blue'} style={{ marginInlineEnd: 0 }} data-testid="cus-tier">
      {tier.toUpperCase()}
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
