import { useQuery } from '@tanstack/react-query';
import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { maskIdentifier } from '../screening/display';
import { type Customer, customerKeys, customers } from './api';
import { TierTag } from './display';

/** What the look-up takes: a phone number (digits, spaces, +, -) or an e-mail address. */
function identifierOf(text: string): string | null {
  const s = text.trim();
  if (s.includes('@') && s.length >= 3) return `email:${s}`;
  const digits = s.replace(/[\s+\-()]/g, '');
  return /^\d{5,}$/.test(digits) ? `phone:${s}` : null;
}

/**
 * A customer picked by phone number or e-mail (the look-up the server offers;
 * names are stored encrypted and cannot be searched). The value is the customer id.
 */
export function CustomerPicker({
  value,
  onChange,
  testId = 'customer-picker',
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  testId?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const identifier = identifierOf(search);
  const found = useQuery({
    queryKey: customerKeys.list({ identifier: identifier ?? '' }),
    queryFn: () => customers.list({ identifier: identifier ?? '' }, null),
    enabled: identifier !== null,
    staleTime: 30_000,
  });
  const label = (c: Customer) => {
    const contact =
      c.identifiers.find((i) => i.type === 'phone') ?? c.identifiers.find((i) => i.type === 'email');
    return (
      <Space size={4} data-testid={`${testId}-option-${c.id}`}>
        <Typography.Text strong>{c.name ?? t('cus.noName')}</Typography.Text>
        {contact && (
          <Typography.Text type="secondary" className="warden-mono">
            {maskIdentifier(contact.type, contact.value)}
          </Typography.Text>
        )}
        {c.tier !== 'standard' && <TierTag tier={c.tier} />}
      </Space>
    );
  };
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange?.(v)}
      filterOption={false}
      onSearch={setSearch}
      loading={found.isFetching}
      placeholder={t('picker.placeholder')}
      notFoundContent={identifier === null ? t('picker.hint') : found.isFetching ? null : t('picker.none')}
      options={(found.data?.items ?? []).map((c) => ({ value: c.id, label: label(c) }))}
      data-testid={testId}
    />
  );
}
