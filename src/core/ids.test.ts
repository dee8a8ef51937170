import { describe, expect, it } from 'vitest';
import { newId } from './ids.js';

describe('newId', () => {
  it('carries the prefix of its kind', () => {
    expect(newId('customer')).toMatch(/^cus_[0-9a-z]{28}$/);
    expect(newId('blocklistEntry')).toMatch(/^blk_/);
  });

  it('sorts by creation time, also within one millisecond', () => {
    const ids = [
      newId('message', 1_700_000_000_000),
      newId('message', 1_700_000_000_000),
      newId('message', 1_700_000_000_001),
      newId('message', 1_800_000_000_000),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });

  it('never sorts before an earlier id, even when the clock steps back', () => {
    const a = newId('event', 1_900_000_000_000);
    const b = newId('event', 1_800_000_000_000);
    expect(b > a).toBe(true);
  });
});
