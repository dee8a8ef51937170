/**
 * The committed API contract: `openapi.json` (the document /openapi.json
 * serves) and `packages/warden-client/src/schema.ts` (its TypeScript types,
 * from openapi-typescript: the published `warden-client` package, which the
 * console uses too).
 *
 *   npm run openapi           rebuild both from the routes (after adding or changing a route)
 *   npm run openapi -- --check  fail if either differs from what the routes say (run by `npm run lint`)
 *
 * The document is built in-process from a fresh app on a throwaway data
 * directory, exactly as the server builds it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/core/config.js';
import { createLogger } from '../src/core/logging.js';
import { buildServer } from '../src/http/server.js';

export const DOCUMENT_PATH = 'openapi.json';
export const TYPES_PATH = 'packages/warden-client/src/schema.ts';

const HEADER = `/**
 * Generated from openapi.json by \`npm run openapi\` (openapi-typescript). Do not edit:
 * change the route's schema, then run \`npm run openapi\`.
 */

`;

export async function buildDocument(): Promise<unknown> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-openapi-'));
  try {
    const app = await createApp(loadConfig({ WARDEN_DATA_DIR: dataDir, WARDEN_LOG_LEVEL: 'silent' }), {
      log: createLogger('silent'),
    });
    try {
      const server = await buildServer(app);
      await server.ready();
      const res = await server.inject({ url: '/openapi.json' });
      await server.close();
      return JSON.parse(res.body) as unknown;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function renderTypes(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  return HEADER + astToString(ast);
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const document = await buildDocument();
  const json = `${JSON.stringify(document, null, 2)}\n`;
  const types = await renderTypes(document);
  if (!check) {
    writeFileSync(DOCUMENT_PATH, json);
    writeFileSync(TYPES_PATH, types);
    console.log(`wrote ${DOCUMENT_PATH} and ${TYPES_PATH}`);
    return;
  }
  const stale = [
    read(DOCUMENT_PATH) === json ? null : DOCUMENT_PATH,
    read(TYPES_PATH) === types ? null : TYPES_PATH,
  ].filter((p): p is string => p !== null);
  if (stale.length > 0) {
    console.error(
      `The API contract is out of date: ${stale.join(' and ')} differ from what the routes say.\n` +
        'Run `npm run openapi` and commit the result (after a merge that added or changed routes too).',
    );
    process.exit(1);
  }
  console.log(`${DOCUMENT_PATH} and ${TYPES_PATH} match the routes`);
}

await main();
