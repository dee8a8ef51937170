import type { App } from '../app.js';
import { keyCustomerRisk } from '../blocklist/service.js';
import type { CodedText } from '../core/coded-text.js';
import type { AuditRecord } from './audit.js';

/** An audit record as the audit page shows it: who by name, the subject in words where it can be found. */
export interface LabelledAuditRecord extends AuditRecord {
  actor: AuditRecord['actor'] & { name?: string };
  target: AuditRecord['target'] & { label?: string; labelCode?: CodedText; category?: string };
}

/** What the reader may see named: customers (customers:read), entries (blocklist:read), alerts (alerts:read). */
export interface AuditLabelAccess {
  customers: boolean;
  blocklist: boolean;
  alerts: boolean;
}

const idsOf = (records: readonly AuditRecord[], type: string) => [
  ...new Set(records.flatMap((r) => (r.target.type === type && r.target.id ? [r.target.id] : []))),
];

/**
 * Names for a page of audit records, each kind looked up once per page
 * (batched `in (…)` queries, not one per row): users and API keys (actors
 * and targets), rules, complaints (their reference), and customers (name or
 * masked contact) only for a reader who may read customers — the customer
 * names are decrypted once per distinct customer of the page; blocklist
 * entries (masked identifier or customer, and category) and alerts (title,
 * and its code for the console to word) for a reader who may read them.
 */
export async function labelAuditRecords(
  app: App,
  records: readonly AuditRecord[],
  options: AuditLabelAccess,
): Promise<{ items: LabelledAuditRecord[]; customersShown: Set<string> }> {
  const people = new Set<string>();
  for (const r of records) {
    if (r.actor.id && (r.actor.type === 'user' || r.actor.type === 'api_key')) people.add(r.actor.id);
    if (r.target.id && (r.target.type === 'user' || r.target.type === 'api_key')) people.add(r.target.id);
  }
  const [names, rules, complaints, customers, entries, alerts] = await Promise.all([
    app.access.namesOf([...people]),
    app.rules.namesOf(idsOf(records, 'rule')),
    app.complaints.referencesOf(idsOf(records, 'complaint')),
    options.customers
      ? app.customers.cards(idsOf(records, 'customer'), (c) => keyCustomerRisk(c, app.config) !== null)
      : Promise.resolve(new Map()),
    options.blocklist
      ? app.blocklist.auditSubjects(idsOf(records, 'blocklist_entry'), options.customers)
      : Promise.resolve(new Map()),
    options.alerts ? app.alerts.messagesOf(idsOf(records, 'alert')) : Promise.resolve(new Map()),
  ]);
  const labelOf = (type: string | null, id: string | null): string | undefined => {
    if (!type || !id) return undefined;
    if (type === 'user' || type === 'api_key') return names.get(id);
    if (type === 'rule') return rules.get(id);
    if (type === 'complaint') return complaints.get(id);
    if (type === 'customer') {
      const card = customers.get(id);
      return card ? [card.name, card.contact].filter(Boolean).join(' · ') || undefined : undefined;
    }
    return undefined;
  };
  // Customer names are personal data: the caller records showing them.
  const customersShown = new Set<string>();
  const targetOf = (t: AuditRecord['target']): LabelledAuditRecord['target'] => {
    if (t.type === 'blocklist_entry' && t.id) {
      const entry = entries.get(t.id);
      if (entry?.customer) customersShown.add(t.id);
      if (entry) return { ...t, ...(entry.label ? { label: entry.label } : {}), category: entry.category };
    }
    if (t.type === 'alert' && t.id) {
      const alert = alerts.get(t.id);
      if (alert) return { ...t, label: alert.title, labelCode: alert.message };
    }
    const label = labelOf(t.type, t.id);
    if (label !== undefined && t.type === 'customer' && t.id) customersShown.add(t.id);
    return label === undefined ? t : { ...t, label };
  };
  const items = records.map((r) => {
    const name = r.actor.id ? names.get(r.actor.id) : undefined;
    return { ...r, actor: name === undefined ? r.actor : { ...r.actor, name }, target: targetOf(r.target) };
  });
  return { items, customersShown };
}
