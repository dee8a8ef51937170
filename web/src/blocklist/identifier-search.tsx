import { Input, Select, Space } from 'antd';
import { useState } from 'react';
import { useT } from '../i18n';
import { identifierTypes } from './api';
import { idTypeText } from './display';

/** What a person typed in the identifier box, as `type:value` (a plain phone number becomes `phone:…`). */
export function identifierRef(type: string, raw: string): string {
  const v = raw.trim();
  if (type !== 'auto') return `${type}:${v}`;
  const typed = /^([a-z_]+):(.+)$/.exec(v);
  if (typed?.[1] && (identifierTypes as readonly string[]).includes(typed[1])) return v;
  if (v.startsWith('@')) return `email_domain:${v.slice(1)}`;
  if (v.includes('@')) return `email:${v}`;
  if (/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(v) || /^[0-9a-f:]+::?[0-9a-f:]*(\/\d+)?$/i.test(v))
    return `ip:${v}`;
  if (/^\+?[\d\s()-]{5,}$/.test(v)) return `phone:${v}`;
  return `user_id:${v}`;
}

/** The identifier box's type and text, started from the list's `type:value` filter; `reset` empties both. */
export function useIdentifierSearch(current: string | undefined) {
  const [idType, setIdType] = useState(() => current?.split(':')[0] ?? 'auto');
  const [draft, setDraft] = useState(() => current?.split(':').slice(1).join(':') ?? '');
  return {
    idType,
    setIdType,
    draft,
    setDraft,
    reset: () => {
      setDraft('');
      setIdType('auto');
    },
  };
}

/**
 * A type picker ("auto" guesses) beside a search box; `onSearch` gets the
 * `type:value` reference, or undefined when the box is empty. `senders` leaves
 * out the types that name many senders (e-mail domain, number prefix).
 */
export function IdentifierSearch({
  state,
  onSearch,
  placeholder,
  testId,
  typeTestId,
  width,
  typeWidth = 120,
  senders = false,
  enterButton,
}: {
  state: ReturnType<typeof useIdentifierSearch>;
  onSearch: (ref: string | undefined) => void;
  placeholder: string;
  testId: string;
  typeTestId?: string;
  width: number;
  typeWidth?: number;
  senders?: boolean;
  enterButton?: string;
}) {
  const t = useT();
  const types = senders
    ? identifierTypes.filter((x) => x !== 'email_domain' && x !== 'phone_prefix')
    : identifierTypes;
  return (
    <Space.Compact style={{ width }}>
      <Select
        value={state.idType}
        onChange={state.setIdType}
        style={{ width: typeWidth }}
        data-testid={typeTestId}
        options={[
          { value: 'auto', label: t('blk.idType.auto') },
          ...types.map((x) => ({ value: x, label: idTypeText(t, x) })),
        ]}
      />
      <Input.Search
        allowClear
        value={state.draft}
        onChange={(e) => state.setDraft(e.target.value)}
        placeholder={placeholder}
        enterButton={enterButton}
        onSearch={(v) => onSearch(v.trim() ? identifierRef(state.idType, v) : undefined)}
        data-testid={testId}
      />
    </Space.Compact>
  );
}
