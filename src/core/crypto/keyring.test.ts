import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyRing, UnknownKeyVersionError } from './keyring.js';

const master = randomBytes(32);
const ring = () => new KeyRing(master, [{ version: 1, key: randomBytes(32) }], 1);

describe('KeyRing', () => {
  it('round-trips text, including Chinese, with a fresh IV each time', () => {
    const r = ring();
    const a = r.encrypt('张三 +8613800138000');
    const b = r.encrypt('张三 +8613800138000');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.')).toBe(true);
    expect(r.decrypt(a)).toBe('张三 +8613800138000');
  });

  it('detects tampering', () => {
    const r = ring();
    const token = r.encrypt('secret');
    const body = Buffer.from(token.slice(3), 'base64url');
    body[14] = (body[14] ?? 0) ^ 1;
    expect(() => r.decrypt(`v1.${body.toString('base64url')}`)).toThrow();
  });

  it('decrypts old versions after a new key becomes active, and knows what is stale', () => {
    const r = ring();
    const old = r.encrypt('a@example.com');
    r.add({ version: 2, key: randomBytes(32) }, true);
    const fresh = r.encrypt('a@example.com');
    expect(fresh.startsWith('v2.')).toBe(true);
    expect(r.decrypt(old)).toBe('a@example.com');
    expect(r.isStale(old)).toBe(true);
    expect(r.isStale(fresh)).toBe(false);
    expect(() => r.decrypt(`v9.${fresh.slice(3)}`)).toThrow(UnknownKeyVersionError);
  });

  it('blind indexes are deterministic, typed, keyed by the master key, and independent of data keys', () => {
    const r1 = ring();
    const r2 = new KeyRing(master, [{ version: 5, key: randomBytes(32) }], 5);
    const other = new KeyRing(randomBytes(32), [{ version: 1, key: randomBytes(32) }], 1);
    expect(r1.blindIndex('phone', '+8613800138000')).toBe(r2.blindIndex('phone', '+8613800138000'));
    expect(r1.blindIndex('phone', '+8613800138000')).not.toBe(r1.blindIndex('user_id', '+8613800138000'));
    expect(r1.blindIndex('phone', '+8613800138000')).not.toBe(other.blindIndex('phone', '+8613800138000'));
  });

  it('wraps data keys under the master key', () => {
    const r = ring();
    const k = randomBytes(32);
    expect(r.unwrap(r.wrap(k)).equals(k)).toBe(true);
  });
});
