import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/postgres.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/warden.js');

function warden(args: string[], env: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the warden CLI (built)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    if (!existsSync(join(root, 'dist/server/cli/main.js')))
      throw new Error('run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
    env = { WARDEN_DATA_DIR: dir, WARDEN_LOG_LEVEL: 'warn' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has help for every command', () => {
    const top = warden(['--help'], env);
    expect(top.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'users', 'apikeys', 'keys', 'audit'])
      expect(top.stdout).toContain(cmd);
    for (const cmd of [
      ['serve'],
      ['migrate'],
      ['users', 'create'],
      ['users', 'list'],
      ['apikeys', 'create'],
      ['apikeys', 'list'],
      ['keys', 'rotate'],
      ['audit', 'verify'],
    ]) {
      const r = warden([...cmd, '--help'], env);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout, cmd.join(' ')).toMatch(/Usage: warden/);
    }
  });

  it('stops on bad configuration, naming the variable', () => {
    const r = warden(['migrate'], { ...env, WARDEN_PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('WARDEN_PORT');
  });

  it('migrates, creates a user and an API key, rotates keys and verifies the audit chain', () => {
    expect(warden(['migrate'], env).stdout).toMatch(/applied: 0001-foundation/);
    expect(warden(['migrate'], env).stdout).toMatch(/up to date/);
    const user = warden(
      ['users', 'create', '--email', 'ops@example.com', '--role', 'admin', '--password-stdin'],
      env,
      'a-long-password-9\n',
    );
    expect(user.code, user.stderr).toBe(0);
    expect(user.stdout).toMatch(/created admin ops@example.com/);
    expect(
      warden(['users', 'create', '--email', 'ops@example.com', '--password', 'a-long-password-9'], env).code,
    ).toBe(1);
    const weak = warden(['users', 'create', '--email', 'x@example.com', '--password', 'short'], env);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/WEAK_PASSWORD/);
    const key = warden(
      ['apikeys', 'create', '--name', 'sms gateway', '--role', 'agent', '--scopes', 'screen'],
      env,
    );
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout).toMatch(/^wdn_[A-Za-z0-9_-]{40}$/m);
    expect(warden(['apikeys', 'create', '--name', 'x', '--scopes', 'fly'], env).stderr).toMatch(
      /unknown scope/,
    );
    expect(warden(['apikeys', 'list'], env).stdout).toContain('sms gateway');
    const rotate = warden(['keys', 'rotate'], env);
    expect(rotate.code, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/data key v2 is active/);
    const verify = warden(['audit', 'verify'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/audit chain intact: [1-9]\d* rows/);
  });

  it('screens one message from flags and a JSONL stream from standard input', () => {
    const one = warden(['screen', '--channel', 'sms', '--from', 'phone:13800138000', '--text', '你好'], env);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({
      decision: 'allow',
      messageId: expect.stringMatching(/^msg_/),
    });
    const lines = [
      JSON.stringify({ channel: 'sms', from: { phone: '13800138001' }, text: '退订' }),
      JSON.stringify({ channel: 'chat', from: { phone: 'not-a-phone' }, text: 'x' }),
      JSON.stringify({ channel: 'email', from: { email: 'a@example.com' }, text: 'hello' }),
    ].join('\n');
    const many = warden(['screen'], env, `${lines}\n`);
    expect(many.code).toBe(1); // one bad line
    const results = many.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(results[0].actions.tags).toContain('opt_out');
    expect(results[1]).toMatchObject({ line: 2, error: expect.stringMatching(/INVALID_IDENTIFIER/) });
    expect(results[2].decision).toBe('allow');
    expect(many.stderr).toMatch(/screened 2 message\(s\), 1 bad line/);
  });

  it('trains the spam model from a labelled file and scores with it', () => {
    const file = join(dir, 'labelled.tsv');
    const spam = [
      '加微信领红包 日赚500',
      '刷单兼职 日结 加V',
      '免费领取 点击链接 xx.cn',
      '恭喜中奖 请点击领取',
      '低价代开发票 联系微信',
      'WIN a FREE prize now, text CLAIM',
    ];
    const ham = [
      '我的快递到哪了',
      '请问什么时候发货',
      '订单号是多少',
      '谢谢，已经收到了',
      '能帮我改一下地址吗',
      'where is my order please',
    ];
    writeFileSync(file, [...spam.map((t) => `spam\t${t}`), ...ham.map((t) => `ham\t${t}`)].join('\n'));
    const trained = warden(['model', 'train', file], env);
    expect(trained.code, trained.stderr).toBe(0);
    expect(trained.stdout).toMatch(/trained on 12 examples/);
    const hi = Number(warden(['model', 'score', '加微信 日赚 刷单 领红包'], env).stdout);
    const lo = Number(warden(['model', 'score', '请问我的快递什么时候到'], env).stdout);
    expect(hi).toBeGreaterThan(0.5);
    expect(lo).toBeLessThan(0.5);
    writeFileSync(file, 'spam\tok\nmaybe\tnot a label\n');
    const bad = warden(['model', 'train', file], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/line 2/);
  });
});

describe('warden serve (built)', () => {
  let dir: string;
  let port: number;
  let child: ChildProcess;
  let output = '';
  const base = () => `http://127.0.0.1:${port}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-serve-'));
    port = await freePort();
    child = spawn(process.execPath, [bin, 'serve'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        WARDEN_DATA_DIR: dir,
        WARDEN_PORT: String(port),
        WARDEN_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    // Up to a minute: a loaded CI machine starts a process slowly.
    for (let i = 0; i < 600 && !output.includes('Console:') && child?.exitCode === null; i++)
      await new Promise((r) => setTimeout(r, 100));
  }, 70_000);
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on SQLite under the data dir, answers /healthz and prints where to go', async () => {
    expect(output).toContain('SQLite');
    expect(output).toContain(`http://localhost:${port}/`);
    expect(existsSync(join(dir, 'warden.db'))).toBe(true);
    expect(existsSync(join(dir, 'master.key'))).toBe(true);
    expect(output).toMatch(/back it up/);
    const res = await fetch(`${base()}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('prints a one-time setup link that creates the first admin once', async () => {
    const token = /setup\?token=([A-Za-z0-9_-]+)/.exec(output)?.[1];
    expect(token).toBeTruthy();
    const body = { token, email: 'first@example.com', name: 'First', password: 'first-password-1' };
    const post = (b: object) =>
      fetch(`${base()}/api/v1/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
    expect((await post(body)).status).toBe(201);
    const again = await post({ ...body, email: 'second@example.com' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { code: string }).code).toBe('SETUP_TOKEN_INVALID');
  });

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    // A login takes a few hundred ms of scrypt: long enough to be in flight.
    const pending = fetch(`${base()}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@example.com', password: 'first-password-1' }),
    });
    await new Promise((r) => setTimeout(r, 50));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await exited).toBe(0);
  });
});
