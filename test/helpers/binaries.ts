import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Finds a server binary on PATH or in Debian's versioned PostgreSQL folders. */
export function findBinary(name: string, extraDirs: string[] = []): string | null {
  const dirs = [...(process.env.PATH ?? '').split(':'), ...extraDirs];
  const pgRoot = '/usr/lib/postgresql';
  if (existsSync(pgRoot)) {
    for (const v of readdirSync(pgRoot).sort().reverse()) dirs.push(join(pgRoot, v, 'bin'));
  }
  for (const d of dirs) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return null;
}

/** When CI=true a missing server binary fails the run; elsewhere the suite is skipped, loudly. */
export function missing(what: string, hint: string): null {
  const message = `${what} not found (${hint})`;
  if (process.env.CI === 'true')
    throw new Error(`CI=true and ${message}: install it, the suites that need it cannot be skipped in CI`);
  process.stderr.write(`\n  ⚠ SKIPPING suites that need ${what}: ${message}\n\n`);
  return null;
}
