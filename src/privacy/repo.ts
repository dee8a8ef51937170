import type { Executor } from '../storage/database.js';

/** A person as the tables know them: their customer id and the blind indexes of their identifiers. */
export interface Subject {
  customerId: string;
  indexes: string[];
}

const BATCH = 1000;

/**
 * The SQL of erasure, subject access and retention. It is the one place that
 * reaches into other features' tables, on purpose: every column that can hold
 * a person's data is listed here together, so that erasing and exporting a
 * person cannot miss one table while another changes. A new `*_enc` column
 * belongs in `erase` below.
 */
export const privacyRepo = {
  BATCH,

  async identifierIndexes(db: Executor, customerId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('customer_identifiers')
      .select('value_index')
      .where('customer_id', '=', customerId)
      .execute();
    return rows.map((r) => r.value_index);
  },

  async entryIds(db: Executor, s: Subject): Promise<string[]> {
    const rows = await db
      .selectFrom('blocklist_entries')
      .select('id')
      .where((eb) =>
        s.indexes.length
          ? eb.or([eb('customer_id', '=', s.customerId), eb('identifier_index', 'in', s.indexes)])
          : eb('customer_id', '=', s.customerId),
      )
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  },

  async messages(db: Executor, s: Subject) {
    return db
      .selectFrom('messages')
      .selectAll()
      .where((eb) =>
        s.indexes.length
          ? eb.or([eb('customer_id', '=', s.customerId), eb('sender_index', 'in', s.indexes)])
          : eb('customer_id', '=', s.customerId),
      )
      .orderBy('id')
      .execute();
  },

  async complaintIds(db: Executor, s: Subject): Promise<string[]> {
    const keys = [s.customerId, ...s.indexes.map((ix) => `i:${ix}`)];
    const rows = await db
      .selectFrom('complaints')
      .select('id')
      .where((eb) => eb.or([eb('customer_id', '=', s.customerId), eb('subject_key', 'in', keys)]))
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  },

  async consents(db: Executor, s: Subject) {
    if (s.indexes.length === 0) return [];
    return db.selectFrom('consents').selectAll().where('identifier_index', 'in', s.indexes).execute();
  },

  /**
   * Overwrites every personal column of the subject in the caller's
   * transaction. NOT NULL ciphertext columns get the encryption of an empty
   * value (`sealed`), nullable ones NULL; blind indexes stay.
   */
  async erase(
    trx: Executor,
    s: Subject,
    now: number,
    sealed: { empty: string; emptyList: string; emptyObject: string },
  ) {
    await trx
      .updateTable('customers')
      .set({ name_enc: null, attributes_enc: null, erased_at: now, updated_at: now })
      .where('id', '=', s.customerId)
      .execute();
    await trx
      .updateTable('customer_identifiers')
      .set({ value_enc: sealed.empty })
      .where('customer_id', '=', s.customerId)
      .execute();

    // Blocklist: the identifier value goes, its index stays (the policy index
    // holds such an entry by index). Notes on its history and exemptions too.
    const entryIds = await this.entryIds(trx, s);
    for (let i = 0; i < entryIds.length; i += BATCH) {
      const ids = entryIds.slice(i, i + BATCH);
      await trx
        .updateTable('blocklist_entries')
        .set({ identifier_enc: null })
        .where('id', 'in', ids)
        .execute();
      await trx
        .updateTable('blocklist_events')
        .set({ note_enc: null })
        .where('entry_id', 'in', ids)
        .execute();
      await trx
        .updateTable('blocklist_exemptions')
        .set({ reason_enc: null })
        .where('entry_id', 'in', ids)
        .execute();
    }

    const messageIds = (await this.messages(trx, s)).map((m) => m.id);
    for (let i = 0; i < messageIds.length; i += BATCH)
      await trx
        .updateTable('messages')
        .set({ text_enc: sealed.empty, identifiers_enc: sealed.emptyList })
        .where('id', 'in', messageIds.slice(i, i + BATCH))
        .execute();

    const complaintIds = await this.complaintIds(trx, s);
    const keys = [s.customerId, ...s.indexes.map((ix) => `i:${ix}`)];
    let notifications = 0;
    for (let i = 0; i < complaintIds.length; i += BATCH) {
      const ids = complaintIds.slice(i, i + BATCH);
      await trx
        .updateTable('complaints')
        .set({ text_enc: sealed.empty, contact_enc: null })
        .where('id', 'in', ids)
        .execute();
      await trx
        .updateTable('complaint_events')
        .set({ note_enc: null })
        .where('complaint_id', 'in', ids)
        .execute();
      await trx
        .updateTable('complaint_messages')
        .set({ text_enc: sealed.empty })
        .where('complaint_id', 'in', ids)
        .execute();
      // Notices about the complaint carry the address and text; undelivered ones are not sent.
      const r = await trx
        .updateTable('notifications')
        .set({ to_enc: null, data_enc: sealed.emptyObject })
        .where('subject_type', '=', 'complaint')
        .where('subject_id', 'in', ids)
        .executeTakeFirst();
      notifications += Number(r.numUpdatedRows);
      await trx
        .updateTable('notifications')
        .set({
          status: 'failed',
          last_error: 'the customer was erased',
          next_attempt_at: null,
          updated_at: now,
        })
        .where('subject_type', '=', 'complaint')
        .where('subject_id', 'in', ids)
        .where('status', 'in', ['pending', 'sending'])
        .execute();
    }
    await trx
      .updateTable('complaint_messages')
      .set({ text_enc: sealed.empty })
      .where('subject_key', 'in', keys)
      .execute();

    let consents = 0;
    if (s.indexes.length) {
      const r = await trx
        .updateTable('consents')
        .set({ identifier_enc: sealed.empty })
        .where('identifier_index', 'in', s.indexes)
        .executeTakeFirst();
      consents = Number(r.numUpdatedRows);
    }
    return {
      entryIds,
      messages: messageIds.length,
      complaints: complaintIds.length,
      consents,
      notifications,
    };
  },

  // ---------------------------------------------------------------- retention

  async countMessages(db: Executor, before: number): Promise<number> {
    const { n } = await db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('received_at', '<', before)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  /** One batch of messages received before `before`; their rule hits go with them (cascade). */
  async deleteMessages(trx: Executor, before: number): Promise<number> {
    const ids = (
      await trx.selectFrom('messages').select('id').where('received_at', '<', before).limit(BATCH).execute()
    ).map((r) => r.id);
    if (ids.length === 0) return 0;
    await trx.deleteFrom('messages').where('id', 'in', ids).execute();
    return ids.length;
  },

  /** Entries that ended (released, rejected, or expired) before `before`. */
  endedEntries(db: Executor, before: number) {
    return db
      .selectFrom('blocklist_entries')
      .where((eb) =>
        eb.or([
          eb.and([eb('state', '=', 'released'), eb('released_at', '<', before)]),
          eb.and([eb('state', '=', 'rejected'), eb('updated_at', '<', before)]),
          eb.and([eb('expires_at', 'is not', null), eb('expires_at', '<', before)]),
        ]),
      );
  },

  async countEntries(db: Executor, before: number): Promise<number> {
    const { n } = await this.endedEntries(db, before)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  /** One batch; history, exemptions and reminders go with the entry (cascade). Returns the ids. */
  async deleteEntries(trx: Executor, before: number): Promise<string[]> {
    const ids = (await this.endedEntries(trx, before).select('id').limit(BATCH).execute()).map((r) => r.id);
    if (ids.length === 0) return ids;
    await trx.deleteFrom('blocklist_entries').where('id', 'in', ids).execute();
    return ids;
  },

  async countComplaints(db: Executor, before: number): Promise<number> {
    const { n } = await db
      .selectFrom('complaints')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('status', '=', 'closed')
      .where('updated_at', '<', before)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  /** One batch of complaints closed before `before`, with their messages, events and notices. */
  async deleteComplaints(trx: Executor, before: number): Promise<number> {
    const ids = (
      await trx
        .selectFrom('complaints')
        .select('id')
        .where('status', '=', 'closed')
        .where('updated_at', '<', before)
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return 0;
    await trx.updateTable('messages').set({ complaint_id: null }).where('complaint_id', 'in', ids).execute();
    await trx
      .deleteFrom('notifications')
      .where('subject_type', '=', 'complaint')
      .where('subject_id', 'in', ids)
      .execute();
    await trx.deleteFrom('complaints').where('id', 'in', ids).execute();
    return ids.length;
  },
};
