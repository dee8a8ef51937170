import { StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'antd';
import { useState } from 'react';
import { blocklist, blocklistKeys } from '../blocklist/api';
import { ExemptionDialog, ReleaseDialog } from '../blocklist/dialogs';
import { EntryFormDrawer } from '../blocklist/entry-form';
import { useT } from '../i18n';
import { can, useMe } from '../session';
import { type Customer360, customerKeys } from './api';

/**
 * 拉黑 / 临时放行 / 解除 in the customer 360's header: block the customer, and
 * for the customer's entry in force, a temporary release or the release itself.
 */
export function CustomerBlockActions({ c }: { c: Customer360 }) {
  const t = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'block' | 'exempt' | 'release' | null>(null);
  // The customer's own entry in force (identifier entries have their own page).
  const current = c.blocklist.find((e) => e.target === 'customer' && e.status === 'active');
  const entry = useQuery({
    queryKey: blocklistKeys.entry(current?.id ?? ''),
    queryFn: () => blocklist.get(current?.id ?? ''),
    enabled: current !== undefined,
  });
  if (!can(me.data, 'blocklist:write') || c.erasedAt) return null;
  const close = () => {
    setDialog(null);
    void queryClient.invalidateQueries({ queryKey: customerKeys.one(c.id) });
  };
  return (
    <>
      {current ? (
        <>
          <Button onClick={() => setDialog('exempt')} disabled={!entry.data} data-testid="cus-exempt">
            {t('blk.action.exempt')}
          </Button>
          <Button
            danger
            onClick={() => setDialog('release')}
            disabled={!entry.data}
            data-testid="cus-release"
          >
            {t('blk.action.release')}
          </Button>
        </>
      ) : (
        <Button danger icon={<StopOutlined />} onClick={() => setDialog('block')} data-testid="cus-block">
          {t('cus.block')}
        </Button>
      )}
      <EntryFormDrawer
        open={dialog === 'block'}
        customer={{ id: c.id, name: c.name ?? c.id }}
        onClose={close}
        onSaved={close}
      />
      {entry.data && (
        <>
          <ExemptionDialog entry={entry.data} open={dialog === 'exempt'} onClose={close} />
          <ReleaseDialog entry={entry.data} open={dialog === 'release'} onClose={close} />
        </>
      )}
    </>
  );
}
