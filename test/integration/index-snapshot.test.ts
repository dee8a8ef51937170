import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/access/audit.js';
import { type App, createApp } from '../../src/app.js';
import { BLOCKLIST_SNAPSHOT_FILE } from '../../src/blocklist/index-snapshot.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';
import { type DialectName, dialects, freshPostgresDatabase } from '../helpers/app.js';

/**
 * A restart reads the blocklist index from its snapshot and replays the
 * change feed since, instead of reading every row; a snapshot that cannot
 * be trusted is refused and every row is read. Either way a blocked sender
 * stays blocked. Real SQLite files and a real PostgreSQL; every app here is
 * a full process-like start on the same data directory and database.
 */
describe.each(dialects())('blocklist index snapshot on %s', (dialect: DialectName) => {
  let dir: string;
  let env: Record<string, string>;
  let snapshot: string;
  const phone = (i: number) => `+86139000000${String(i).padStart(2, '0')}`;

  const open = (): Promise<App> => createApp(loadConfig(env), { log: createLogger('silent') });
  const blocked = (app: App, i: number) =>
    app.blocklist.evaluate(
      { identifiers: [{ type: 'phone', value: phone(i) }], customerId: null },
      'sms',
      null,
    ).decision === 'block';
  const add = (app: App, i: number) =>
    app.blocklist.create(systemContext, {
      identifier: { type: 'phone', value: phone(i) },
      category: 'harassment',
      reason: `snapshot test ${i}`,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-snapshot-'));
    env = { WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'silent' };
    if (dialect === 'postgres') env.WARDEN_DATABASE_URL = await freshPostgresDatabase();
    snapshot = join(dir, BLOCKLIST_SNAPSHOT_FILE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The snapshot written by the first run, kept aside to play a stale one later. */
  let first: Buffer;
  let released: string;

  it('writes the index at close and starts from it', async () => {
    const a = await open();
    expect(a.blocklist.lastLoad?.source).toBe('rows');
    const entries = [];
    for (let i = 1; i <= 3; i++) entries.push(await add(a, i));
    released = (entries[0] as { id: string }).id;
    // A range is kept whole, not compactly: the snapshot holds its id and the start reads it again.
    await a.blocklist.create(systemContext, {
      identifier: { type: 'phone_prefix', value: '+86170' },
      category: 'harassment',
      reason: 'snapshot test range',
    });
    await a.close();
    expect(existsSync(snapshot)).toBe(true);
    first = readFileSync(snapshot);

    const b = await open();
    expect(b.blocklist.lastLoad).toMatchObject({ source: 'snapshot', entries: 4 });
    const inRange = { identifiers: [{ type: 'phone' as const, value: '+8617012345678' }], customerId: null };
    expect(b.blocklist.evaluate(inRange, 'sms', null).decision).toBe('block');
    // Taken at the feed version the closing server had applied; its own later changes were
    // already in its index, and replaying them again changes nothing.
    expect(b.blocklist.lastLoad?.replayedTo).toBeGreaterThanOrEqual(
      b.blocklist.lastLoad?.snapshotFeedVersion ?? 0,
    );
    for (let i = 1; i <= 3; i++) expect(blocked(b, i)).toBe(true);
    expect(blocked(b, 9)).toBe(false);
    // Changes after the first snapshot, for the next start to replay.
    await b.blocklist.release(systemContext, released, 'customer apologised');
    await add(b, 4);
    await b.close();
  });

  it('a stale snapshot is brought up to date from the change feed', async () => {
    writeFileSync(snapshot, first);
    const c = await open();
    const load = c.blocklist.lastLoad;
    expect(load?.source).toBe('snapshot');
    expect(load?.replayedTo).toBeGreaterThan(load?.snapshotFeedVersion ?? Number.POSITIVE_INFINITY);
    expect(blocked(c, 1)).toBe(false); // released after the snapshot
    expect(blocked(c, 2)).toBe(true);
    expect(blocked(c, 4)).toBe(true); // added after the snapshot
    await c.close();
  });

  it('refuses a damaged snapshot and reads every row', async () => {
    const good = readFileSync(snapshot);
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(bad.length - 40) ^ 0xff, bad.length - 40);
    writeFileSync(snapshot, bad);
    const d = await open();
    expect(d.blocklist.lastLoad).toMatchObject({
      source: 'rows',
      refusedSnapshot: expect.stringMatching(/checksum/),
    });
    expect([1, 2, 3, 4].map((i) => blocked(d, i))).toEqual([false, true, true, true]);
    await d.close();
  });

  it('refuses a snapshot the pruned feed can no longer bring up to date', async () => {
    writeFileSync(snapshot, first);
    const e = await open();
    // As the prune job does after its keep period: everything but the newest row goes.
    const head = await e.feed.headVersion();
    await sql`delete from change_feed where version < ${head}`.execute(e.store.db);
    await e.close();
    writeFileSync(snapshot, first);
    const f = await open();
    expect(f.blocklist.lastLoad).toMatchObject({
      source: 'rows',
      refusedSnapshot: expect.stringMatching(/pruned/),
    });
    expect([1, 2, 3, 4].map((i) => blocked(f, i))).toEqual([false, true, true, true]);
    await f.close();
  });

  it('refuses a snapshot whose feed row differs (a restored database that went on changing)', async () => {
    // The snapshot f wrote at close is current; its feed row is rewritten as another history would have it.
    const g = await open();
    expect(g.blocklist.lastLoad?.source).toBe('snapshot');
    const version = g.blocklist.lastLoad?.snapshotFeedVersion ?? 0;
    await g.close();
    copyFileSync(snapshot, `${snapshot}.keep`);
    const h0 = await open();
    await sql`update change_feed set created_at = created_at + 1 where version = ${version}`.execute(
      h0.store.db,
    );
    await h0.close();
    copyFileSync(`${snapshot}.keep`, snapshot);
    const h = await open();
    expect(h.blocklist.lastLoad).toMatchObject({
      source: 'rows',
      refusedSnapshot: expect.stringMatching(/history/),
    });
    expect([1, 2, 3, 4].map((i) => blocked(h, i))).toEqual([false, true, true, true]);
    await h.close();
  });
});
