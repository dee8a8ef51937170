import { describe, expect, it } from 'vitest';
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
