import { describe, expect, it } from 'vitest';
import { GroupCommit, type Settled } from './group-commit.js';

/** A writer that records its batches and holds each commit until released, like a slow fsync. */
function heldWriter(outcome: (item: number) => Settled<string> = (n) => ({ ok: true, value: `v${n}` })) {
  const batches: number[][] = [];
  const releases: (() => void)[] = [];
  const commit = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((resolve) => releases.push(resolve));
    return items.map(outcome);
  };
  const releaseNext = async () => {
    while (releases.length === 0) await new Promise((r) => setTimeout(r, 1));
    releases.shift()?.();
  };
  return { batches, commit, releaseNext };
}

describe('GroupCommit', () => {
  it.each([
    [true, ['batch 1 answered', 'event loop turn', 'batch 2 sent']],
    [false, ['batch 1 answered', 'batch 2 sent', 'event loop turn']],
  ])(
    'yieldBetweenBatches: %s — when the next batch goes to the writer',
    async (yieldBetweenBatches, order) => {
      const log: string[] = [];
      let release: (() => void) | null = null;
      const commit = async (items: readonly number[]) => {
        log.push(`batch ${items[0]} sent`);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return items.map((n) => ({ ok: true as const, value: n }));
      };
      const g = new GroupCommit(commit, { maxBatch: 1, yieldBetweenBatches });
      const first = g.submit(1);
      const second = g.submit(2);
      while (!release) await new Promise((r) => setTimeout(r, 1));
      log.length = 0;
      // Answer batch 1, and note when the event loop next gets a turn.
      (release as () => void)();
      release = null;
      await first;
      log.push('batch 1 answered');
      setImmediate(() => log.push('event loop turn'));
      while (log.length < 3) await new Promise((r) => setTimeout(r, 1));
      expect(log).toEqual(order);
      (release as unknown as () => void)();
      expect(await second).toBe(2);
    },
  );

  it('puts a burst in one batch and answers each caller with its own value', async () => {
    const w = heldWriter();
    const g = new GroupCommit(w.commit);
    const answers = Promise.all([1, 2, 3].map((n) => g.submit(n)));
    await w.releaseNext();
    expect(await answers).toEqual(['v1', 'v2', 'v3']);
    expect(w.batches).toEqual([[1, 2, 3]]);
    expect(g.stats).toEqual({ batches: 1, committed: 3, failed: 0, queued: 0 });
  });

  it('gathers items submitted a few microtasks apart in the same turn of the event loop', async () => {
    const w = heldWriter();
    const g = new GroupCommit(w.commit);
    const first = g.submit(1);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    const second = g.submit(2);
    await w.releaseNext();
    expect(await Promise.all([first, second])).toEqual(['v1', 'v2']);
    expect(w.batches).toEqual([[1, 2]]);
  });

  it('queues what arrives during a commit for the next batch, in order', async () => {
    const w = heldWriter();
    const g = new GroupCommit(w.commit);
    const first = g.submit(1);
    await new Promise((r) => setTimeout(r, 5)); // batch [1] is committing
    const later = [2, 3, 4].map((n) => g.submit(n));
    expect(g.stats.queued).toBe(3);
    await w.releaseNext();
    await w.releaseNext();
    expect(await Promise.all([first, ...later])).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
  });

  it('splits batches at maxBatch', async () => {
    const w = heldWriter();
    const g = new GroupCommit(w.commit, { maxBatch: 2 });
    const answers = Promise.all([1, 2, 3, 4, 5].map((n) => g.submit(n)));
    for (let i = 0; i < 3; i++) await w.releaseNext();
    await answers;
    expect(w.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('fails only the item whose outcome failed', async () => {
    const boom = new Error('boom');
    const w = heldWriter((n) => (n === 2 ? { ok: false, error: boom } : { ok: true, value: `v${n}` }));
    const g = new GroupCommit(w.commit);
    const answers = [1, 2, 3].map((n) => g.submit(n).then(String, (e: Error) => `error ${e.message}`));
    await w.releaseNext();
    expect(await Promise.all(answers)).toEqual(['v1', 'error boom', 'v3']);
    expect(g.stats).toMatchObject({ batches: 1, committed: 2, failed: 1 });
  });

  it('fails every item of a batch that failed as a whole, and carries on with the next', async () => {
    let calls = 0;
    const g = new GroupCommit(async (items: readonly number[]) => {
      if (calls++ === 0) throw new Error('disk full');
      return items.map((n) => ({ ok: true as const, value: n }));
    });
    const failed = [1, 2].map((n) => g.submit(n).catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['disk full', 'disk full']);
    expect(await g.submit(3)).toBe(3);
  });

  it('rejects a batch answered with the wrong number of outcomes (a writer bug)', async () => {
    const g = new GroupCommit(async () => [] as Settled<number>[], { name: 'test writer' });
    await expect(g.submit(1)).rejects.toThrow(/test writer: 0 outcomes for a batch of 1/);
  });

  it('close waits for the queued items, then refuses new ones', async () => {
    const w = heldWriter();
    const g = new GroupCommit(w.commit, { name: 'complaint intake' });
    const pending = [1, 2].map((n) => g.submit(n));
    let closed = false;
    const closing = g.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(closed).toBe(false);
    await w.releaseNext();
    await closing;
    expect(await Promise.all(pending)).toEqual(['v1', 'v2']);
    await expect(g.submit(3)).rejects.toThrow('complaint intake is closed');
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new GroupCommit(async () => [], { maxBatch: 0 })).toThrow(/maxBatch/);
  });
});

describe('GroupCommit between batches', () => {
  it('gives the event loop a turn, even when a commit completes without I/O', async () => {
    const order: string[] = [];
    const queue = new GroupCommit<number, number>(
      async (items) => {
        order.push(`batch ${items.join(',')}`);
        if (items[0] === 1) setImmediate(() => order.push('i/o'));
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatch: 1 },
    );
    await Promise.all([queue.submit(1), queue.submit(2)]);
    expect(order).toEqual(['batch 1', 'i/o', 'batch 2']);
  });
});
