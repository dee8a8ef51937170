import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// OWASP's scrypt guidance: N=2^17, r=8, p=1 (≈128 MiB, ~0.3 s here). Parameters
// travel with the hash, so they can be raised later without breaking logins.
const DEFAULT = { N: 2 ** 17, r: 8, p: 1 };

export async function hashPassword(password: string, params = DEFAULT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, { ...params, maxmem: 256 * 1024 * 1024 });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, hash] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

/** Length and variety, not theatre: at least 10 characters and not all one class. */
export function passwordProblem(password: string): string | null {
  if (password.length < 10) return 'use at least 10 characters';
  if (/^\d+$/.test(password) || /^[a-z]+$/i.test(password)) return 'mix letters with digits or symbols';
  return null;
}

let dummy: Promise<string> | undefined;
/** A hash to compare against when the user does not exist, so timing does not reveal who exists. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('warden-dummy-password-0');
  return dummy;
}
