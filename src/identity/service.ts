import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Executor, Store } from '../storage/database.js';
import type { CustomerTable } from '../storage/schema.js';
import { maskIdentifier, normalizeIdentifier } from './identifiers.js';
import type { CustomerCard, Identifier, IdentifierType } from './model.js';

export interface Customer {
  id: string;
  externalId: string | null;
  name: string | null;
  tier: string;
  lifetimeValue: number;
  protected: boolean;
  attributes: Record<string, unknown>;
  identifiers: Identifier[];
  createdAt: string;
  updatedAt: string;
  /** When the personal data was erased (identifier values then read as ""); null otherwise. */
  erasedAt: string | null;
}

export interface CustomerInput {
  name?: string | null;
  tier?: string;
  lifetimeValue?: number;
  protected?: boolean;
  attributes?: Record<string, unknown>;
  /** Replaces the customer's identifiers when given. */
  identifiers?: { type: IdentifierType; value: string }[];
}

export type { CustomerCard };

/** A reference to an identifier that is safe for logs and the audit log: type and a short blind-index prefix. */
export const identifierRef = (type: string, index: string) => `${type}#${index.slice(0, 10)}`;

/** What other features hear about customers (screening keeps protected customers in memory). */
export interface CustomerChange {
  customer: Customer;
}

/**
 * Customers and their identifiers. Names, attributes and identifier values
 * are encrypted; look-ups go through the blind index of `type + value`.
 */
export class CustomerService {
  private readonly listeners: ((change: CustomerChange) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly keys: KeyRing,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly defaultRegion: string,
  ) {}

  onChange(listener: (change: CustomerChange) => void): void {
    this.listeners.push(listener);
  }

  normalize(type: IdentifierType, value: string): Identifier {
    return normalizeIdentifier(type, value, { defaultRegion: this.defaultRegion });
  }

  indexOf(identifier: Identifier): string {
    return this.keys.blindIndex(identifier.type, identifier.value);
  }

  /** Create or replace the customer with this external id. */
  async upsertByExternalId(
    ctx: AuditContext,
    externalId: string,
    input: CustomerInput,
  ): Promise<{ customer: Customer; created: boolean }> {
    return this.write(ctx, { externalId }, input);
  }

  /** A new customer from the console or an integration without ids of its own. */
  async create(ctx: AuditContext, input: CustomerInput & { externalId?: string | null }): Promise<Customer> {
    const { externalId, ...rest } = input;
    return (await this.write(ctx, { create: true, externalId: externalId ?? null }, rest)).customer;
  }

  /** Changes the given fields of a customer; fields not given stay as they are. */
  async update(
    ctx: AuditContext,
    id: string,
    patch: CustomerInput & { externalId?: string | null },
  ): Promise<Customer> {
    const { externalId, ...rest } = patch;
    return (await this.write(ctx, { id, ...(externalId === undefined ? {} : { externalId }) }, rest))
      .customer;
  }

  private normalizeAll(input: CustomerInput): Identifier[] {
    return (input.identifiers ?? []).map((i, n) => {
      try {
        return this.normalize(i.type, i.value);
      } catch (err) {
        if (err instanceof WardenError && err.code === 'INVALID_IDENTIFIER') {
          throw new WardenError('INVALID_IDENTIFIER', err.message, {
            errors: [{ field: `/identifiers/${n}/value`, message: err.message }],
          });
        }
        throw err;
      }
    });
  }

  /**
   * The one write path of customers (upsert, create, change): identifiers
   * normalised and checked against other customers, personal data encrypted,
   * the change audited in its transaction (which also puts it on the change
   * feed every node applies), then this node's listeners told.
   */
  private async write(
    ctx: AuditContext,
    target:
      | { externalId: string }
      | { create: true; externalId: string | null }
      | { id: string; externalId?: string | null },
    input: CustomerInput,
  ): Promise<{ customer: Customer; created: boolean }> {
    const identifiers = this.normalizeAll(input);
    const unique = new Map(identifiers.map((i) => [this.indexOf(i), i]));
    const now = this.clock.now();
    const result = await this.store.db.transaction().execute(async (trx) => {
      let existing: CustomerTable | undefined;
      if ('id' in target) {
        existing = await trx
          .selectFrom('customers')
          .selectAll()
          .where('id', '=', target.id)
          .executeTakeFirst();
        if (!existing) throw new WardenError('CUSTOMER_NOT_FOUND', `no customer ${target.id}`);
        if (existing.erased_at)
          throw new WardenError('CUSTOMER_ERASED', `the personal data of ${target.id} was erased`);
      } else if (!('create' in target)) {
        existing = await trx
          .selectFrom('customers')
          .selectAll()
          .where('external_id', '=', target.externalId)
          .executeTakeFirst();
      }
      const id = existing?.id ?? newId('customer', now);
      const externalId =
        target.externalId === undefined ? (existing?.external_id ?? null) : target.externalId;
      if (externalId !== null && externalId !== existing?.external_id) {
        const holder = await trx
          .selectFrom('customers')
          .select('id')
          .where('external_id', '=', externalId)
          .executeTakeFirst();
        if (holder && holder.id !== id)
          throw new WardenError(
            'EXTERNAL_ID_TAKEN',
            `external id ${externalId} belongs to customer ${holder.id}`,
            {
              errors: [{ field: '/externalId', message: 'already used by another customer' }],
              extras: { customerId: holder.id },
            },
          );
      }
      if (unique.size > 0) {
        const owners = await trx
          .selectFrom('customer_identifiers')
          .select(['customer_id', 'type', 'value_index'])
          .where('value_index', 'in', [...unique.keys()])
          .execute();
        const conflict = owners.find((o) => o.customer_id !== id);
        if (conflict) {
          const n = identifiers.findIndex((i) => this.indexOf(i) === conflict.value_index);
          throw new WardenError(
            'IDENTIFIER_CONFLICT',
            `this ${conflict.type} already belongs to customer ${conflict.customer_id}`,
            {
              errors: [{ field: `/identifiers/${n}/value`, message: 'belongs to another customer' }],
              extras: { customerId: conflict.customer_id, identifierType: conflict.type },
            },
          );
        }
      }
      const row: CustomerTable = {
        id,
        external_id: externalId,
        name_enc:
          input.name === undefined ? (existing?.name_enc ?? null) : this.keys.encryptNullable(input.name),
        tier: input.tier ?? existing?.tier ?? 'standard',
        lifetime_value: input.lifetimeValue ?? existing?.lifetime_value ?? 0,
        protected: input.protected === undefined ? (existing?.protected ?? 0) : input.protected ? 1 : 0,
        attributes_enc:
          input.attributes === undefined
            ? (existing?.attributes_enc ?? null)
            : this.keys.encrypt(JSON.stringify(input.attributes)),
        created_at: existing?.created_at ?? now,
        updated_at: now,
      };
      if (existing) await trx.updateTable('customers').set(row).where('id', '=', id).execute();
      else await trx.insertInto('customers').values(row).execute();
      if (input.identifiers !== undefined) {
        await trx.deleteFrom('customer_identifiers').where('customer_id', '=', id).execute();
        if (unique.size > 0) {
          await trx
            .insertInto('customer_identifiers')
            .values(
              [...unique.entries()].map(([index, i]) => ({
                id: newId('identifier', now),
                customer_id: id,
                type: i.type,
                value_enc: this.keys.encrypt(i.value),
                value_index: index,
                created_at: now,
              })),
            )
            .execute();
        }
      }
      await this.audit.append(trx, ctx, {
        action: existing ? 'customer.update' : 'customer.create',
        targetType: 'customer',
        targetId: id,
        summary: {
          externalId,
          fields: [
            ...Object.keys(input).filter((k) => k !== 'identifiers'),
            ...(externalId !== (existing?.external_id ?? null) && existing ? ['externalId'] : []),
          ],
          identifiers:
            input.identifiers === undefined
              ? undefined
              : [...unique.entries()].map(([ix, i]) => identifierRef(i.type, ix)),
        },
      });
      return { id, created: !existing };
    });
    const customer = await this.load(this.store.db, result.id);
    if (!customer) throw new Error('customer vanished after write');
    for (const l of this.listeners) l({ customer });
    return { customer, created: result.created };
  }

  /** Reads a customer with decrypted personal data and records the read in the audit log. */
  async get(ctx: AuditContext, id: string): Promise<Customer> {
    const customer = await this.load(this.store.db, id);
    if (!customer) throw new WardenError('CUSTOMER_NOT_FOUND', `no customer ${id}`);
    await this.audit.append(this.store.db, ctx, {
      action: 'customer.read',
      targetType: 'customer',
      targetId: id,
    });
    return customer;
  }

  /** Finds the customer owning an identifier (normalised first), without auditing: callers audit. */
  async findByIdentifier(identifier: Identifier): Promise<Customer | null> {
    const row = await this.store.db
      .selectFrom('customer_identifiers')
      .select('customer_id')
      .where('value_index', '=', this.indexOf(identifier))
      .executeTakeFirst();
    return row ? this.load(this.store.db, row.customer_id) : null;
  }

  /** The customer owning the identifier with this blind index (as stored on blocklist entries). */
  async findByIndex(db: Executor, index: string): Promise<Customer | null> {
    const row = await db
      .selectFrom('customer_identifiers')
      .select('customer_id')
      .where('value_index', '=', index)
      .executeTakeFirst();
    return row ? this.load(db, row.customer_id) : null;
  }

  async lookup(ctx: AuditContext, identifier: Identifier): Promise<Customer[]> {
    const found = await this.findByIdentifier(identifier);
    await this.audit.append(this.store.db, ctx, {
      action: 'customer.lookup',
      targetType: 'customer',
      ...(found ? { targetId: found.id } : {}),
      summary: {
        identifier: identifierRef(identifier.type, this.indexOf(identifier)),
        found: found !== null,
      },
    });
    return found ? [found] : [];
  }

  /** A page of customers, newest first (profile only; reading it is audited as a list read). */
  async list(
    ctx: AuditContext,
    filter: {
      limit: number;
      cursor?: string | undefined;
      tier?: string | undefined;
      protected?: boolean | undefined;
    },
  ) {
    let q = this.store.db.selectFrom('customers').select('id');
    if (filter.cursor) q = q.where('id', '<', filter.cursor);
    if (filter.tier) q = q.where('tier', '=', filter.tier);
    if (filter.protected !== undefined) q = q.where('protected', '=', filter.protected ? 1 : 0);
    const ids = await q
      .orderBy('id', 'desc')
      .limit(filter.limit + 1)
      .execute();
    const page = ids.slice(0, filter.limit);
    const items: Customer[] = [];
    for (const { id } of page) {
      const c = await this.load(this.store.db, id);
      if (c) items.push(c);
    }
    await this.audit.append(this.store.db, ctx, {
      action: 'customer.list',
      targetType: 'customer',
      summary: { count: items.length },
    });
    return { items, nextCursor: ids.length > filter.limit ? (page[page.length - 1]?.id ?? null) : null };
  }

  /**
   * Cards for the customers of a page of list rows (complaints, entries). The
   * caller's list is what gets audited; `isKey` says who counts as a key customer.
   */
  async cards(
    ids: readonly (string | null)[],
    isKey: (c: Pick<Customer, 'tier' | 'protected' | 'lifetimeValue'>) => boolean,
  ): Promise<Map<string, CustomerCard>> {
    const out = new Map<string, CustomerCard>();
    const wanted = [...new Set(ids)].filter((id): id is string => Boolean(id));
    if (wanted.length === 0) return out;
    // Two queries for the page, and only the name and the shown contact decrypted:
    // a page of 500 customers costs what a few loads did.
    const db = this.store.db;
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'name_enc', 'tier', 'protected', 'lifetime_value'])
      .where('id', 'in', wanted)
      .execute();
    const contacts = await db
      .selectFrom('customer_identifiers')
      .select(['customer_id', 'type', 'value_enc'])
      .where('customer_id', 'in', wanted)
      .where('type', 'in', ['phone', 'email'])
      .orderBy('created_at')
      .execute();
    const shownOf = new Map<string, { type: string; value_enc: string }>();
    for (const c of contacts) {
      const had = shownOf.get(c.customer_id);
      // The first phone, else the first e-mail.
      if (!had || (had.type === 'email' && c.type === 'phone')) shownOf.set(c.customer_id, c);
    }
    for (const r of rows) {
      const shown = shownOf.get(r.id);
      const facts = { tier: r.tier, protected: r.protected === 1, lifetimeValue: r.lifetime_value };
      out.set(r.id, {
        id: r.id,
        name: this.keys.decryptNullable(r.name_enc),
        contact: shown
          ? maskIdentifier({ type: shown.type as IdentifierType, value: this.keys.decrypt(shown.value_enc) })
          : null,
        tier: r.tier,
        keyCustomer: isKey(facts),
      });
    }
    return out;
  }

  async load(db: Executor, id: string): Promise<Customer | null> {
    const row = await db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const ids = await db
      .selectFrom('customer_identifiers')
      .select(['type', 'value_enc'])
      .where('customer_id', '=', id)
      .orderBy('created_at')
      .execute();
    return {
      id: row.id,
      externalId: row.external_id,
      name: this.keys.decryptNullable(row.name_enc),
      tier: row.tier,
      lifetimeValue: row.lifetime_value,
      protected: row.protected === 1,
      attributes: row.attributes_enc
        ? (JSON.parse(this.keys.decrypt(row.attributes_enc)) as Record<string, unknown>)
        : {},
      identifiers: ids.map((i) => ({
        type: i.type as IdentifierType,
        value: this.keys.decrypt(i.value_enc),
      })),
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      erasedAt: row.erased_at ? new Date(row.erased_at).toISOString() : null,
    };
  }
}
