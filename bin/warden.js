#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli and is compiled to dist/server.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist/server/cli/main.js');
if (!existsSync(entry)) {
  console.error('warden: not built yet. Run `npm run build` (or `npm start`) first.');
  process.exit(1);
}
const { main } = await import(entry);
await main(process.argv);
