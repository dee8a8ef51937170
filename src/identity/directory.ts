import type { KeyRing } from '../core/crypto/keyring.js';
import type { Store } from '../storage/database.js';
import type { Identifier } from './model.js';
import type { Customer } from './service.js';

/** What screening needs to know of a customer, held in memory. */
export interface CustomerFacts {
  id: string;
  tier: string;
  protected: boolean;
  lifetimeValue: number;
}

/**
 * The in-memory map from identifier (by blind index, so no plaintext is held)
 * to customer, that screening resolves senders with. Loaded at start, kept in
 * step by customer changes.
 */
export class CustomerDirectory {
  // Replaced whole by load() (built beside, then swapped), never emptied in place.
  private byIndex = new Map<string, string>();
  private facts = new Map<string, CustomerFacts & { indexes: string[] }>();

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
  ) {}

  get size(): number {
    return this.facts.size;
  }

  async load(): Promise<void> {
    const byIndex = new Map<string, string>();
    const facts = new Map<string, CustomerFacts & { indexes: string[] }>();
    const customers = await this.store.db
      .selectFrom('customers')
      .select(['id', 'tier', 'protected', 'lifetime_value'])
      .execute();
    for (const c of customers) {
      facts.set(c.id, {
        id: c.id,
        tier: c.tier,
        protected: c.protected === 1,
        lifetimeValue: c.lifetime_value,
        indexes: [],
      });
    }
    const ids = await this.store.db
      .selectFrom('customer_identifiers')
      .select(['customer_id', 'value_index'])
      .execute();
    for (const i of ids) {
      byIndex.set(i.value_index, i.customer_id);
      facts.get(i.customer_id)?.indexes.push(i.value_index);
    }
    this.byIndex = byIndex;
    this.facts = facts;
  }

  /** Re-reads one customer (after a change on this or another node). */
  async refresh(customerId: string): Promise<void> {
    // Read everything first, then change the maps without an await in between:
    // the customer is never missing while their new state is read.
    const c = await this.store.db
      .selectFrom('customers')
      .select(['id', 'tier', 'protected', 'lifetime_value'])
      .where('id', '=', customerId)
      .executeTakeFirst();
    const ids = c
      ? await this.store.db
          .selectFrom('customer_identifiers')
          .select('value_index')
          .where('customer_id', '=', customerId)
          .execute()
      : [];
    const old = this.facts.get(customerId);
    for (const ix of old?.indexes ?? []) this.byIndex.delete(ix);
    this.facts.delete(customerId);
    if (!c) return;
    const indexes = ids.map((i) => i.value_index);
    for (const ix of indexes) this.byIndex.set(ix, customerId);
    this.facts.set(customerId, {
      id: c.id,
      tier: c.tier,
      protected: c.protected === 1,
      lifetimeValue: c.lifetime_value,
      indexes,
    });
  }

  update(customer: Customer): void {
    const old = this.facts.get(customer.id);
    for (const ix of old?.indexes ?? []) this.byIndex.delete(ix);
    const indexes = customer.identifiers.map((i) => this.keys.blindIndex(i.type, i.value));
    for (const ix of indexes) this.byIndex.set(ix, customer.id);
    this.facts.set(customer.id, {
      id: customer.id,
      tier: customer.tier,
      protected: customer.protected,
      lifetimeValue: customer.lifetimeValue,
      indexes,
    });
  }

  /** The customer of the first identifier that has one (callers order identifiers by trust: phone first). */
  resolve(identifiers: readonly Identifier[], indexes?: readonly string[]): CustomerFacts | null {
    for (let i = 0; i < identifiers.length; i++) {
      const id = identifiers[i] as Identifier;
      const ix = indexes?.[i] ?? this.keys.blindIndex(id.type, id.value);
      const customerId = this.byIndex.get(ix);
      if (customerId) {
        const f = this.facts.get(customerId);
        if (f) return f;
      }
    }
    return null;
  }

  get(customerId: string): CustomerFacts | null {
    return this.facts.get(customerId) ?? null;
  }
}
