import type { KeyRing } from '../core/crypto/keyring.js';
import type { Identifier, IdentifierType } from '../identity/model.js';
import type { CustomerService } from '../identity/service.js';
import type { Notifier } from '../notify/model.js';
import { replyLocale } from '../screening/opt-out.js';
import { type BlocklistSettingsDocument, noticeTemplate } from './release-settings.js';
import type { BlocklistNoticeSender } from './service.js';

/**
 * The optional customer notices of the blocklist: when an entry starts
 * applying or is released, and its category has that notice switched on in
 * `/settings/blocklist`, one SMS (to a phone) or else e-mail is queued in the
 * outbox, in the change's transaction. The language follows the phone's
 * region (+86 → zh-CN), else the default region. Entries on a range (phone
 * prefix, e-mail domain, IP) have no one to tell.
 */
export function blocklistNoticeSender(d: {
  settings: () => BlocklistSettingsDocument;
  notifier: Notifier;
  keys: KeyRing;
  customers: CustomerService;
  defaultRegion: string;
}): BlocklistNoticeSender {
  return async (trx, entry, kind, at) => {
    if (!d.settings().notices.categories[entry.category]?.[kind]) return;
    let identifiers: Identifier[] = [];
    if (entry.identifier_type && entry.identifier_enc)
      identifiers = [
        { type: entry.identifier_type as IdentifierType, value: d.keys.decrypt(entry.identifier_enc) },
      ];
    else if (entry.customer_id)
      identifiers = (await d.customers.load(trx, entry.customer_id))?.identifiers ?? [];
    const phone = identifiers.find((i) => i.type === 'phone')?.value;
    const email = identifiers.find((i) => i.type === 'email')?.value;
    if (!phone && !email) return;
    await d.notifier.enqueue(
      {
        channel: phone ? 'sms' : 'email',
        to: phone ?? email ?? null,
        template: noticeTemplate(kind),
        locale: replyLocale('', identifiers, d.defaultRegion, true),
        data: { date: new Date(at).toISOString(), entryId: entry.id, category: entry.category },
        subjectType: 'blocklist_entry',
        subjectId: entry.id,
      },
      trx,
    );
  };
}
