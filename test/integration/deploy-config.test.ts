import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema, loadConfig } from '../../src/core/config.js';
import { probeRoutes } from '../../src/http/metrics.js';

const root = resolve(import.meta.dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');
const known = new Set(Object.keys(configSchema.properties));
const names = (text: string) => [...new Set(text.match(/\bWARDEN_[A-Z_]+[A-Z]\b/g) ?? [])];

/** `KEY=value` lines of an env file. */
function envFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^([A-Z_]+)=(.*)$/);
    if (m?.[1]) env[m[1]] = m[2] ?? '';
  }
  return env;
}

/** Compose's `${VAR:?message}` and `${VAR}` with a value an operator would give. */
const samples: Record<string, string> = {
  WARDEN_MASTER_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  WARDEN_ADMIN_PASSWORD: 'correct-horse-42',
};
const substitute = (v: string) =>
  v.replace(/\$\{([A-Z_]+)(:\?[^}]*)?\}/g, (_, name: string) => samples[name] ?? `missing ${name}`);

/**
 * The WARDEN_* settings of each Warden service in compose.yaml: the shared
 * `x-warden-env` block, then the service's own. The file is written in this
 * plain shape on purpose (one `KEY: value` per line), so no YAML library is needed.
 */
function composeNodes(text: string): Map<string, Record<string, string>> {
  const base: Record<string, string> = {};
  const nodes = new Map<string, Record<string, string>>();
  let current: Record<string, string> | null = null;
  let inBase = false;
  for (const line of text.split('\n')) {
    const top = line.match(/^(\S[^:]*):/);
    if (top) {
      inBase = top[1] === 'x-warden-env';
      current = null;
    }
    const service = line.match(/^ {2}([a-z0-9-]+):\s*$/);
    if (service?.[1] && !inBase) {
      current = null;
      if (/^warden|^worker/.test(service[1])) {
        current = {};
        nodes.set(service[1], current);
      }
    }
    const setting = line.match(/^\s+(WARDEN_[A-Z_]+):\s*(.*)$/);
    if (setting?.[1]) {
      const value = substitute((setting[2] ?? '').replace(/^"(.*)"$/, '$1'));
      if (inBase) base[setting[1]] = value;
      else if (current) current[setting[1]] = value;
    }
  }
  for (const [name, own] of nodes) nodes.set(name, { ...base, ...own });
  return nodes;
}

describe('the deploy/ examples match the configuration schema', () => {
  const files = [
    'deploy/compose.yaml',
    'deploy/warden.service',
    'deploy/warden.env.example',
    'deploy/Dockerfile',
  ];

  it('name only settings that exist', () => {
    for (const f of files)
      expect(
        names(read(f)).filter((n) => !known.has(n)),
        f,
      ).toEqual([]);
  });

  it('warden.env.example is a valid configuration for a cluster node', () => {
    const env = envFile(read('deploy/warden.env.example'));
    const config = loadConfig(env);
    expect(config.databaseUrl).toMatch(/^postgres:/);
    expect(config.redisUrl).toMatch(/^redis:/);
    expect(config.masterKey).toBeDefined();
    expect(config.host).toBe('0.0.0.0');
  });

  it('every Warden service in compose.yaml has a valid configuration, the cluster trio, and probes that exist', () => {
    const text = read('deploy/compose.yaml');
    const nodes = composeNodes(text);
    expect([...nodes.keys()].sort()).toEqual(['warden-1', 'warden-2', 'worker']);
    const masterKeys = new Set<string | undefined>();
    for (const [name, env] of nodes) {
      const config = loadConfig(env);
      expect(config.databaseUrl, name).toMatch(/^postgres:/);
      expect(config.redisUrl, name).toMatch(/^redis:/);
      masterKeys.add(config.masterKey);
      // The published port and the health check both reach WARDEN_PORT.
      expect(text).toContain(`:${config.port}"]`);
    }
    expect(masterKeys.size).toBe(1);
    expect(loadConfig(nodes.get('warden-1') ?? {}).jobs).toBe(false);
    expect(loadConfig(nodes.get('worker') ?? {}).jobs).toBe(true);
    const port = loadConfig(nodes.get('warden-1') ?? {}).port;
    const probes = [...text.matchAll(/http:\/\/127\.0\.0\.1:(\d+)(\/[a-z]+)/g)];
    expect(probes.length).toBeGreaterThan(0);
    for (const [, p, path] of probes) {
      expect(Number(p)).toBe(port);
      expect(probeRoutes.has(path as string)).toBe(true);
    }
  });

  it('the systemd unit runs `warden serve` with the example env file, and names probes that exist', () => {
    const unit = read('deploy/warden.service');
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/warden\/warden\.env$/m);
    expect(unit).toMatch(/^ExecStart=\S+node \S+bin\/warden\.js serve$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    const paths = [...unit.matchAll(/GET (\/[a-z]+)/g)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const p of paths) expect(probeRoutes.has(p)).toBe(true);
    const stateDir = unit.match(/^StateDirectory=(\S+)$/m)?.[1];
    expect(envFile(read('deploy/warden.env.example')).WARDEN_DATA_DIR).toBe(`/var/lib/${stateDir}`);
  });

  it('the README documents every setting', () => {
    const readme = read('README.md');
    expect([...known].filter((k) => !readme.includes(`\`${k}\``))).toEqual([]);
  });
});
