/**
 * An independent check of the API contract: Portman (@apideck/portman, npm)
 * turns /openapi.json into a Postman collection with contract tests (status,
 * content type, JSON body, response schema) and fuzzed variations (required
 * fields left out, bounds and lengths crossed, enum and type violations) and
 * runs it with Newman against a fresh instance.
 *
 *   npm run build && npm run fuzz     exit 1 when any check fails
 *
 * The instance is new each run: a throwaway data directory, an admin API key
 * made with `warden apikeys create`, a free loopback port. The whole run is
 * bounded (FUZZ_TIMEOUT_SECONDS, default 180).
 *
 * Status (2026-12-06): Portman's requests come from the document's schemas
 * and examples, not from a stateful run, so operations on a path id (PATCH
 * /users/{id} with a made-up id) answer a documented 404 that its "status is
 * 2xx" check counts as a failure, and Newman stops at the first failing
 * request. Next: `assignVariables` from the creating operations' answers and
 * `overwriteRequestPathVariables` on the others, so ids are real.
 *
 * Portman is not a dependency of Warden (it pulls ~300 packages): the script
 * runs the version below with `npx` (plus `tslib`, which Portman 1.33.0 uses
 * but does not declare), or the binary named by FUZZ_PORTMAN_BIN.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORTMAN = '@apideck/portman@1.33.0';
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_SECONDS ?? 180) * 1000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(base: string, server: ChildProcess): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`warden serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('warden serve was not ready within 30 s');
}

const SIGN_IN = ['POST::/api/v1/auth/login', 'POST::/api/v1/auth/setup', 'POST::/api/v1/auth/logout'];

/** Portman's config: its contract tests on every operation, and its fuzzing (a 400 expected). */
const portmanConfig = (key: string) => {
  const fuzz = [
    { requiredFields: { enabled: true } },
    { minimumNumberFields: { enabled: true } },
    { maximumNumberFields: { enabled: true } },
    { minLengthFields: { enabled: true } },
    { maxLengthFields: { enabled: true } },
  ];
  return {
    version: 1.0,
    tests: {
      contractTests: [
        {
          openApiOperation: '*::/*',
          // Made-up credentials and a used-up setup token are rightly refused (401/409).
          excludeForOperations: SIGN_IN,
          statusSuccess: { enabled: true },
          contentType: { enabled: true },
          jsonBody: { enabled: true },
          schemaValidation: { enabled: true },
        },
      ],
      variationTests: [
        {
          openApiOperation: '*::/*',
          openApiResponse: '400',
          variations: [
            {
              name: 'Fuzz',
              fuzzing: [{ requestBody: fuzz, requestQueryParams: fuzz }],
              tests: {
                contractTests: [
                  {
                    statusCode: { enabled: true },
                    contentType: { enabled: true },
                    jsonBody: { enabled: true },
                    schemaValidation: { enabled: true },
                  },
                ],
              },
            },
          ],
        },
      ],
    },
    // Every protected operation takes the session cookie OR a bearer key: the run uses the key
    // (openapi-to-postman would pick the first alternative, the cookie).
    overwrites: [{ openApiOperation: '*::/*', overwriteRequestSecurity: { bearer: { token: key } } }],
    globals: { stripResponseExamples: true, securityOverwrites: { bearer: { token: key } } },
  };
};

async function main(): Promise<number> {
  if (!existsSync('dist/server/cli/main.js')) {
    console.error('fuzz: warden is not built; run `npm run build` first');
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'warden-fuzz-'));
  const dataDir = join(work, 'data');
  const env = { ...process.env, WARDEN_DATA_DIR: dataDir, WARDEN_LOG_LEVEL: 'warn' };
  let server: ChildProcess | undefined;
  try {
    const out = execFileSync(
      process.execPath,
      ['bin/warden.js', 'apikeys', 'create', '--name', 'fuzz', '--role', 'admin'],
      {
        env,
        encoding: 'utf8',
      },
    );
    const key = out.trim().split('\n').pop()?.trim() ?? '';
    if (!key.startsWith('wdn_')) throw new Error(`no API key from \`warden apikeys create\`: ${out}`);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['bin/warden.js', 'serve'], {
      env: { ...env, WARDEN_PORT: String(port), WARDEN_HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitReady(base, server);
    const spec = join(work, 'openapi.json');
    writeFileSync(spec, await (await fetch(`${base}/openapi.json`)).text());
    const config = join(work, 'portman-config.json');
    writeFileSync(config, JSON.stringify(portmanConfig(key), null, 2));
    const started = Date.now();
    const code = await new Promise<number>((resolve) => {
      const portman = spawn(
        process.env.FUZZ_PORTMAN_BIN ?? 'npx',
        [
          ...(process.env.FUZZ_PORTMAN_BIN ? [] : ['--yes', '-p', PORTMAN, '-p', 'tslib@2', 'portman']),
          '--local',
          spec,
          '--baseUrl',
          base,
          '--portmanConfigFile',
          config,
          '--output',
          join(work, 'collection.json'),
          '--runNewman',
          '--newmanRunOptions',
          JSON.stringify({ bail: false, timeoutRequest: 10_000 }),
        ],
        { stdio: 'inherit', cwd: work },
      );
      const timer = setTimeout(() => {
        console.error(`fuzz: stopped after ${TIMEOUT_MS / 1000} s`);
        portman.kill('SIGTERM');
      }, TIMEOUT_MS);
      portman.on('exit', (c, signal) => {
        clearTimeout(timer);
        resolve(signal ? 1 : (c ?? 1));
      });
    });
    console.log(`fuzz: portman and newman ran ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${code}`);
    return code === 0 ? 0 : 1;
  } finally {
    server?.kill('SIGTERM');
    if (process.env.FUZZ_KEEP) console.log(`fuzz: kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
