import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logging.js';

const root = resolve(import.meta.dirname, '../..');

/** Rows in every table a screening can write to. */
async function written(env: Record<string, string>): Promise<Record<string, number>> {
  const app = await createApp(loadConfig(env), { log: createLogger('silent') });
  try {
    const out: Record<string, number> = {};
    for (const table of [
      'messages',
      'message_rule_hits',
      'consents',
      'blocklist_events',
      'complaints',
    ] as const) {
      const r = await app.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      out[table] = Number(r.n);
    }
    return out;
  } finally {
    await app.close();
  }
}

/** Issue 11, item 7: `warden screen --no-record` is a dry run that writes nothing at all. */
describe('warden screen --no-record (CLI, from source, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-no-record-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = { WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'warn' };
  const screen = (args: string[]) =>
    spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/cli/main.ts').then((m) => m.main(['node', 'warden', ...process.argv.slice(1)]))",
        'screen',
        ...args,
      ],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );

  it('writes no message, consent or complaint; the same call without it does', async () => {
    const before = await written(env);
    // An opt-out keyword (a consent) and a complaint text, as a dry run.
    const dry = screen(['--no-record', '--from', 'phone:13800138000', '--text', '退订']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout.trim().split('\n')[0] ?? '{}').reasons).toContainEqual(
      expect.objectContaining({ kind: 'opt_out' }),
    );
    const complaint = screen([
      '--no-record',
      '--from',
      'phone:13800138000',
      '--text',
      '你们再不退款我就去12315投诉',
    ]);
    expect(complaint.status, complaint.stderr).toBe(0);
    expect(await written(env)).toEqual(before);

    // The control: recorded, the same opt-out writes a message and a consent.
    const real = screen(['--from', 'phone:13800138000', '--text', '退订']);
    expect(real.status, real.stderr).toBe(0);
    const after = await written(env);
    expect(after.messages).toBe((before.messages ?? 0) + 1);
    expect(after.consents).toBeGreaterThan(before.consents ?? 0);
  }, 300_000);
});
