import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { newId } from '../core/ids.js';
import type { Identifier, IdentifierType } from '../identity/model.js';
import { identifierRef } from '../identity/service.js';
import type { Store } from '../storage/database.js';

export type ConsentStatus = 'opted_in' | 'opted_out';
export type ConsentMethod = 'inbound_keyword' | 'console' | 'api' | 'import';

export interface Consent {
  identifier: Identifier;
  purpose: string;
  status: ConsentStatus;
  method: ConsentMethod;
  updatedAt: string;
}

/** The word a whole message is compared on: width, case and spacing folded. */
export const keywordForm = (text: string) =>
  text
    .normalize('NFKC')
    .trim()
    .toUpperCase()
    .replace(/[\s.!。！]+$/u, '');

/**
 * Marketing consent per identifier and purpose. Opt-outs are held in memory
 * (by blind index) so outbound checks and screening read no database.
 */
export class ConsentService {
  // Replaced whole by load(), never emptied in place.
  private optedOut = new Set<string>();
  private readonly optOut: Set<string>;
  private readonly optIn: Set<string>;
  private readonly listeners: ((change: { key: string; optedOut: boolean }) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    keywords: { optOutKeywords: readonly string[]; optInKeywords: readonly string[] },
  ) {
    this.optOut = new Set(keywords.optOutKeywords.map(keywordForm));
    this.optIn = new Set(keywords.optInKeywords.map(keywordForm));
  }

  /** Called after consents change here (the change bus tells other nodes). */
  onChange(listener: (change: { key: string; optedOut: boolean }) => void): void {
    this.listeners.push(listener);
  }

  /** Applies a change made on another node (`purpose:blindIndex`). */
  apply(change: { key: string; optedOut: boolean }): void {
    if (change.optedOut) this.optedOut.add(change.key);
    else this.optedOut.delete(change.key);
  }

  async load(): Promise<void> {
    const rows = await this.store.db
      .selectFrom('consents')
      .select(['identifier_index', 'purpose'])
      .where('status', '=', 'opted_out')
      .execute();
    this.optedOut = new Set(rows.map((r) => `${r.purpose}:${r.identifier_index}`));
  }

  /** Re-reads consents by `purpose:blindIndex` key (changes from the feed: another node or a CLI). */
  async refresh(keys: readonly string[]): Promise<void> {
    for (const key of new Set(keys)) {
      const at = key.indexOf(':');
      if (at < 0) continue;
      const row = await this.store.db
        .selectFrom('consents')
        .select('status')
        .where('purpose', '=', key.slice(0, at))
        .where('identifier_index', '=', key.slice(at + 1))
        .executeTakeFirst();
      this.apply({ key, optedOut: row?.status === 'opted_out' });
    }
  }

  /** `opt_out`, `opt_in` or null: only a whole message that is one of the keywords counts. */
  keywordIntent(text: string): 'opt_out' | 'opt_in' | null {
    if (text.length > 20) return null;
    const k = keywordForm(text);
    if (this.optOut.has(k)) return 'opt_out';
    if (this.optIn.has(k)) return 'opt_in';
    return null;
  }

  isOptedOut(identifier: Identifier, purpose = 'marketing', index?: string): boolean {
    return this.optedOut.has(
      `${purpose}:${index ?? this.keys.blindIndex(identifier.type, identifier.value)}`,
    );
  }

  async set(
    ctx: AuditContext,
    identifiers: readonly Identifier[],
    purpose: string,
    status: ConsentStatus,
    method: ConsentMethod,
  ): Promise<Consent[]> {
    const now = this.clock.now();
    const out: Consent[] = [];
    await this.store.db.transaction().execute(async (trx) => {
      for (const identifier of identifiers) {
        const index = this.keys.blindIndex(identifier.type, identifier.value);
        const existing = await trx
          .selectFrom('consents')
          .select('id')
          .where('identifier_index', '=', index)
          .where('purpose', '=', purpose)
          .executeTakeFirst();
        if (existing) {
          await trx
            .updateTable('consents')
            .set({ status, method, updated_at: now })
            .where('id', '=', existing.id)
            .execute();
        } else {
          await trx
            .insertInto('consents')
            .values({
              id: newId('consent', now),
              identifier_type: identifier.type,
              identifier_index: index,
              identifier_enc: this.keys.encrypt(identifier.value),
              purpose,
              status,
              method,
              created_at: now,
              updated_at: now,
            })
            .execute();
        }
        await this.audit.append(trx, ctx, {
          action: `consent.${status === 'opted_out' ? 'opt_out' : 'opt_in'}`,
          targetType: 'consent',
          targetId: `${purpose}:${index}`,
          summary: { identifier: identifierRef(identifier.type, index), purpose, method },
        });
        out.push({ identifier, purpose, status, method, updatedAt: new Date(now).toISOString() });
      }
    });
    for (const identifier of identifiers) {
      const key = `${purpose}:${this.keys.blindIndex(identifier.type, identifier.value)}`;
      const change = { key, optedOut: status === 'opted_out' };
      this.apply(change);
      for (const l of this.listeners) l(change);
    }
    return out;
  }

  async get(identifier: Identifier): Promise<Consent[]> {
    const rows = await this.store.db
      .selectFrom('consents')
      .selectAll()
      .where('identifier_index', '=', this.keys.blindIndex(identifier.type, identifier.value))
      .execute();
    return rows.map((r) => ({
      identifier: { type: r.identifier_type as IdentifierType, value: this.keys.decrypt(r.identifier_enc) },
      purpose: r.purpose,
      status: r.status as ConsentStatus,
      method: r.method as ConsentMethod,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }
}
