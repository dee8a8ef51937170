import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore } from './database.js';
import { WriteGate } from './write-gate.js';

describe('WriteGate', () => {
  it('gives turns one at a time, in the order they were asked for', async () => {
    const gate = new WriteGate();
    const log: string[] = [];
    const take = async (name: string, hold: number) => {
      const pass = await gate.acquire();
      log.push(`${name} in`);
      await new Promise((r) => setTimeout(r, hold));
      log.push(`${name} out`);
      pass();
    };
    await Promise.all([take('a', 20), take('b', 1), take('c', 5)]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('passes the turn on even when a holder fails', async () => {
    const gate = new WriteGate();
    const pass = await gate.acquire();
    const next = gate.acquire();
    try {
      throw new Error('the transaction failed');
    } catch {
      pass();
    }
    await expect(next).resolves.toBeTypeOf('function');
  });
});

describe('the SQLite store and its gate', () => {
  it('lets reads through while another writer has the turn, and makes writes wait for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warden-gate-'));
    const store = openStore({ dataDir: dir });
    try {
      await sql`create table t (v integer)`.execute(store.db);
      const gate = store.gate as WriteGate;
      const passTurn = await gate.acquire(); // as the recorder's writer thread does for a batch
      const events: string[] = [];
      const read = sql`select count(*) as n from t`.execute(store.db).then(() => events.push('read'));
      const write = sql`insert into t (v) values (1)`.execute(store.db).then(() => events.push('write'));
      const inTransaction = store.db
        .transaction()
        .execute((trx) => sql`insert into t (v) values (2)`.execute(trx))
        .then(() => events.push('transaction'));
      await read;
      await new Promise((r) => setTimeout(r, 30));
      expect(events).toEqual(['read']);
      passTurn();
      await Promise.all([write, inTransaction]);
      expect(events).toEqual(['read', 'write', 'transaction']);
      const rows = await sql<{ n: number }>`select count(*) as n from t`.execute(store.db);
      expect(rows.rows[0]?.n).toBe(2);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
