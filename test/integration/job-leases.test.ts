import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logging.js';
import { JobRunner } from '../../src/storage/jobs.js';
import { dialects, startTestApp, type TestApp } from '../helpers/app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = createLogger('silent');

interface Run {
  node: string;
  start: number;
  end: number;
}

/** A job that notes which runner ran it and when, taking `ms` each time. */
function probe(runs: Run[], node: string, ms: number) {
  return async () => {
    const start = Date.now();
    await sleep(ms);
    runs.push({ node, start, end: Date.now() });
  };
}

describe.each(dialects())('job leases (%s)', (dialect) => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const masterKey = randomBytes(32).toString('base64');
    a = await startTestApp(dialect, { env: { WARDEN_MASTER_KEY: masterKey } });
    // PostgreSQL: a second app on the same database; SQLite: a second runner on the same file.
    b =
      dialect === 'postgres'
        ? await startTestApp(dialect, {
            env: { WARDEN_DATABASE_URL: a.app.config.databaseUrl as string, WARDEN_MASTER_KEY: masterKey },
          })
        : a;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
  });

  it('a job runs on one node at a time, and moves when its holder stops', async () => {
    const runs: Run[] = [];
    const one = new JobRunner(log, a.app.store, { minLeaseMs: 1_000, holder: 'one' });
    const two = new JobRunner(log, b.app.store, { minLeaseMs: 1_000, holder: 'two' });
    one.every('test.probe', 100, probe(runs, 'one', 20));
    two.every('test.probe', 100, probe(runs, 'two', 20));
    one.start();
    two.start();
    try {
      await sleep(1_500);
      const before = [...runs];
      expect(before.length).toBeGreaterThan(5);
      const holder = before[0]?.node as string;
      expect(new Set(before.map((r) => r.node))).toEqual(new Set([holder]));
      const [stopped, other] = holder === 'one' ? [one, two] : [two, one];
      const otherName = holder === 'one' ? 'two' : 'one';
      expect(stopped.status()[0]).toMatchObject({ held: true, lastOk: true });
      expect(other.status()[0]).toMatchObject({ held: false, lastRunAt: null });

      const stoppedAt = Date.now();
      await stopped.stop();
      await sleep(1_000);
      const after = runs.filter((r) => r.start > stoppedAt);
      expect(after.length).toBeGreaterThan(3);
      expect(new Set(after.map((r) => r.node))).toEqual(new Set([otherName]));
      // It moved at the other's next tick, not after the lease ran out.
      expect((after[0]?.start ?? Infinity) - stoppedAt).toBeLessThan(500);
      // Never two runs at once.
      const sorted = [...runs].sort((x, y) => x.start - y.start);
      for (let i = 1; i < sorted.length; i++)
        expect(sorted[i]?.start ?? 0).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? 0);
      const row = await a.app.store.db
        .selectFrom('job_leases')
        .selectAll()
        .where('name', '=', 'test.probe')
        .executeTakeFirstOrThrow();
      expect(row.holder).toBe(otherName);
    } finally {
      await one.stop();
      await two.stop();
    }
  });

  it('a holder that dies without handing back loses the job when its lease runs out', async () => {
    const runs: Run[] = [];
    const dead = new JobRunner(log, a.app.store, { minLeaseMs: 1_000, holder: 'dead' });
    dead.every('test.expiry', 100, probe(runs, 'dead', 5));
    dead.start();
    await sleep(300);
    expect(runs.length).toBeGreaterThan(0);
    // Dies: timers stop, the lease stays in the table (no stop(), which would hand it back).
    const timers = (dead as unknown as { jobs: { timer: NodeJS.Timeout | null }[] }).jobs;
    for (const j of timers) if (j.timer) clearInterval(j.timer);
    const diedAt = Date.now();
    const heir = new JobRunner(log, b.app.store, { minLeaseMs: 1_000, holder: 'heir' });
    heir.every('test.expiry', 100, probe(runs, 'heir', 5));
    heir.start();
    try {
      await sleep(2_000);
      const heirs = runs.filter((r) => r.node === 'heir');
      expect(heirs.length).toBeGreaterThan(0);
      // Not before the dead holder's lease (1 s, renewed at most 0.5 s before it died) ran out.
      expect((heirs[0]?.start ?? 0) - diedAt).toBeGreaterThan(400);
      expect(runs.filter((r) => r.node === 'dead' && r.start > diedAt + 150)).toEqual([]);
    } finally {
      await heir.stop();
    }
  });
});
