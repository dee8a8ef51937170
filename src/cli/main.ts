import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import type { AuditContext } from '../access/audit.js';
import { everyPermission, isPermission, isRole, permissions, roles } from '../access/permissions.js';
import { type App, createApp } from '../app.js';
import { ConfigError, loadConfig } from '../core/config.js';
import { isWardenError } from '../core/errors.js';
import { createLogger } from '../core/logging.js';
import { openStore } from '../storage/database.js';
import { rotateDataKey } from '../storage/keys.js';
import { migrateToLatest } from '../storage/migrate.js';
import { registerBackupCommands } from './backup.js';
import { registerBlocklistCommands } from './blocklist.js';
import { registerDemoCommand } from './demo.js';
import { registerScreeningCommands } from './screening.js';
import { serve } from './serve.js';

/** `cli:<name>`: the OS user running the command, or `--actor`. */
export function cliActorId(given?: string): string {
  if (given?.trim()) return `cli:${given.trim().slice(0, 100)}`;
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (a container run with an arbitrary uid).
    name = process.env.USER ?? `uid${process.getuid?.() ?? ''}`;
  }
  return `cli:${name}`;
}

const cliActor: AuditContext['actor'] = { type: 'cli', id: cliActorId(), role: 'admin' };
const cliContext: AuditContext = { actor: cliActor, requestId: null };

const out = (line = '') => process.stdout.write(`${line}\n`);

/** Builds the app quietly for one-shot commands: logs go to stderr at warn. */
async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(process.env.WARDEN_LOG_LEVEL ?? 'warn', process.stderr as never);
  const app = await createApp(config, { log });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function readPassword(flag: string | undefined, fromStdin: boolean): Promise<string> {
  if (flag) return flag;
  if (fromStdin) return readFileSync(0, 'utf8').split('\n')[0]?.trim() ?? '';
  if (process.env.WARDEN_NEW_PASSWORD) return process.env.WARDEN_NEW_PASSWORD;
  throw new Error(
    'give the password with --password-stdin (recommended), --password, or WARDEN_NEW_PASSWORD',
  );
}

export function buildCli(): Command {
  const program = new Command('warden')
    .description(
      'Warden: blocklist, filtering and complaint early warning for customer contact.\nConfiguration comes from WARDEN_* environment variables (see README).',
    )
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false })
    .option('--actor <name>', 'who to record as the actor of changes (default: the OS user), as cli:<name>');
  // Before any command runs: the actor its changes are recorded under.
  program.hook('preAction', (_root, command) => {
    const given =
      (command.opts() as { actor?: string }).actor ?? (program.opts() as { actor?: string }).actor;
    cliActor.id = cliActorId(given);
  });

  program
    .command('serve')
    .description('Start the HTTP server (console at /, API at /api/v1); migrates the database first')
    .action(async () => {
      const config = loadConfig();
      const app = await createApp(config);
      await serve(app);
    });

  program
    .command('migrate')
    .description('Apply database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const store = openStore({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        // No statement timeout: a migration may rewrite a big table.
        timeouts: { ...config.db, statementTimeoutMs: 0 },
      });
      try {
        const { applied } = await migrateToLatest(store);
        out(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
      } finally {
        await store.close();
      }
    });

  program
    .command('worker')
    .description(
      'Run the scheduled jobs (review reminders, notification delivery, escalations, surges) without serving HTTP; each job runs on one node at a time (database lease), whatever WARDEN_JOBS says',
    )
    .action(async () => {
      const config = loadConfig();
      const app = await createApp(config);
      app.jobs.start();
      out(`warden worker running ${app.jobs.names.length} jobs: ${app.jobs.names.join(', ')}`);
      const stop = async () => {
        await app.close();
        process.exit(0);
      };
      const onSignal = () =>
        stop().catch((err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        });
      process.once('SIGTERM', () => void onSignal());
      process.once('SIGINT', () => void onSignal());
    });

  const users = program.command('users').description('Manage console users');
  users
    .command('create')
    .description('Create a user')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .addOption(new Option('--role <role>', 'role').choices(roles).default('agent'))
    .option('--name <name>', 'display name')
    .option('--password <password>', 'password (visible in shell history; prefer --password-stdin)')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(
      async (o: {
        email: string;
        role: string;
        name?: string;
        password?: string;
        passwordStdin?: boolean;
      }) => {
        const password = await readPassword(o.password, o.passwordStdin === true);
        if (!isRole(o.role)) throw new Error(`unknown role ${o.role}`);
        const role = o.role;
        await withApp(async (app) => {
          const u = await app.access.createUser(
            cliContext,
            {
              email: o.email,
              name: o.name ?? o.email.split('@')[0] ?? o.email,
              role,
              password,
            },
            everyPermission,
          );
          out(`created ${u.role} ${u.email} (${u.id})`);
        });
      },
    );
  users
    .command('list')
    .description('List users')
    .action(async () => {
      await withApp(async (app) => {
        for (const u of await app.access.listUsers())
          out(`${u.id}  ${u.role.padEnd(10)} ${u.disabled ? 'disabled ' : ''}${u.email}`);
      });
    });

  const apikeys = program.command('apikeys').description('Manage API keys');
  apikeys
    .command('create')
    .description('Create an API key; the key is printed once')
    .requiredOption('--name <name>', 'what the key is for, e.g. "sms gateway"')
    .addOption(new Option('--role <role>', 'role').choices(roles).default('agent'))
    .option(
      '--scopes <list>',
      `comma-separated permissions to narrow the role to (${permissions.slice(0, 4).join(', ')}, …)`,
    )
    .action(async (o: { name: string; role: string; scopes?: string }) => {
      const scopes = (o.scopes ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = scopes.filter((s) => !isPermission(s));
      if (bad.length)
        throw new Error(`unknown scope(s): ${bad.join(', ')}; known: ${permissions.join(', ')}`);
      if (!isRole(o.role)) throw new Error(`unknown role ${o.role}`);
      const role = o.role;
      await withApp(async (app) => {
        const { key, info } = await app.access.createApiKey(
          cliContext,
          {
            name: o.name,
            role,
            scopes: scopes.filter(isPermission),
          },
          everyPermission,
        );
        out(
          `created ${info.id} (${info.role}${info.scopes.length ? `, scopes ${info.scopes.join(',')}` : ''})`,
        );
        out('The key is shown once; store it now:');
        out(key);
      });
    });
  apikeys
    .command('list')
    .description('List API keys')
    .action(async () => {
      await withApp(async (app) => {
        for (const k of await app.access.listApiKeys()) {
          out(`${k.id}  ${k.prefix}…  ${k.role.padEnd(10)} ${k.revokedAt ? 'revoked ' : ''}${k.name}`);
        }
      });
    });
  apikeys
    .command('revoke <id>')
    .description('Revoke an API key')
    .action(async (id: string) => {
      await withApp(async (app) => {
        await app.access.revokeApiKey(cliContext, id, everyPermission);
        out(`revoked ${id}`);
      });
    });

  const keys = program.command('keys').description('Encryption keys for personal data');
  keys
    .command('rotate')
    .description(
      'Add a new data key and re-encrypt stored personal data in batches (safe while the service runs)',
    )
    .option('--batch-size <n>', 'rows per transaction', '500')
    .action(async (o: { batchSize: string }) => {
      await withApp(async (app) => {
        const result = await rotateDataKey(app.store, app.keys, {
          batchSize: Number(o.batchSize),
          feed: app.feed,
          onProgress: (p) => process.stderr.write(`\r${p.table}: ${p.reencrypted} rows re-encrypted   `),
        });
        process.stderr.write('\n');
        await app.audit.append(app.store.db, cliContext, { action: 'keys.rotate', summary: result });
        out(`data key v${result.version} is active; ${result.reencrypted} rows re-encrypted`);
      });
    });

  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description('Check the hash chain; exits 1 and names the first broken row if it is broken')
    .action(async () => {
      await withApp(async (app) => {
        const r = await app.audit.verify();
        if (r.ok)
          out(`audit chain intact: ${r.checked} rows${r.head ? `, head #${r.head.seq} ${r.head.hash}` : ''}`);
        else {
          out(
            `audit chain BROKEN at row #${r.firstBroken?.seq}: ${r.firstBroken?.reason} (${r.checked} rows verified before it)`,
          );
          process.exitCode = 1;
        }
      });
    });

  registerBlocklistCommands(program, withApp, cliContext);
  registerScreeningCommands(program, withApp);
  registerBackupCommands(program, cliContext);
  registerDemoCommand(program, cliContext);

  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`warden: configuration error: ${err.message}\n`);
      process.exit(2);
    }
    if (isWardenError(err)) {
      process.stderr.write(`warden: ${err.message} (${err.code})\n`);
      for (const e of (err.errors ?? []).slice(0, 50)) process.stderr.write(`  ${e.field}: ${e.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`warden: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
