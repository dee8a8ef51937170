import { StopOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { type IdentifierType, identifierTypes } from '../blocklist/api';
import { EntryFormDrawer } from '../blocklist/entry-form';
import { useT } from '../i18n';
import { can, useMe } from '../session';
import type { StoredMessage } from './api';

/**
 * 拉黑 from a message: the customer who sent it when known (their name fixed
 * as the target), else the sender's identifier filled in.
 */
export function BlockSenderButton({ m }: { m: StoredMessage }) {
  const t = useT();
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!can(me.data, 'blocklist:write')) return null;
  const sender = m.from.find((f) => (identifierTypes as readonly string[]).includes(f.type) && f.value);
  if (!m.customerId && !sender) return null;
  return (
    <>
      <Button
        danger
        size="small"
        icon={<StopOutlined />}
        onClick={() => setOpen(true)}
        data-testid="msg-block"
      >
        {t('cus.block')}
      </Button>
      {/* Mounted only while open: a closed drawer kept inside the message's drawer would stay in the page. */}
      {open && (
        <EntryFormDrawer
          open={open}
          onClose={() => setOpen(false)}
          {...(m.customerId
            ? {
                customer: { id: m.customerId, name: m.customer?.name ?? m.customer?.contact ?? m.customerId },
              }
            : sender
              ? { identifier: { type: sender.type as IdentifierType, value: sender.value } }
              : {})}
        />
      )}
    </>
  );
}
