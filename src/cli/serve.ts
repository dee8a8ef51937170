import { systemContext } from '../access/audit.js';
import { everyPermission } from '../access/permissions.js';
import type { App } from '../app.js';
import { buildServer, type Server } from '../http/server.js';

/** First start: an admin from WARDEN_ADMIN_*, else a one-time setup link. */
export async function ensureFirstAdmin(app: App): Promise<{ setupUrl: string | null }> {
  if ((await app.access.countUsers()) > 0) return { setupUrl: null };
  const { adminEmail, adminPassword } = app.config;
  if (adminEmail && adminPassword) {
    try {
      await app.access.createUser(
        systemContext,
        {
          email: adminEmail,
          name: 'Administrator',
          role: 'admin',
          password: adminPassword,
        },
        everyPermission,
      );
    } catch (err) {
      // Nodes starting together on an empty database all try; one wins (the e-mail is
      // unique), the others find the user it made. Anything else is a real failure.
      if ((await app.access.countUsers()) > 0) return { setupUrl: null };
      throw err;
    }
    app.log.info({ email: adminEmail }, 'created the first admin from WARDEN_ADMIN_EMAIL');
    return { setupUrl: null };
  }
  const token = await app.access.createSetupToken();
  return { setupUrl: `${app.config.publicUrl}/setup?token=${token}` };
}

/**
 * Starts listening and wires graceful shutdown: on SIGTERM/SIGINT the server
 * stops accepting, finishes in-flight requests, then closes the store.
 */
export async function serve(
  app: App,
  print: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Promise<Server> {
  const server = await buildServer(app);
  const { setupUrl } = await ensureFirstAdmin(app);
  const address = await server.listen({ port: app.config.port, host: app.config.host });
  // WARDEN_JOBS=off: this node only serves; another node (or `warden worker`) runs the jobs.
  if (app.config.jobs) app.jobs.start();
  else {
    // Only the jobs that tend this node's own memory and files (index refresh, upload clean-up).
    app.jobs.start({ perNodeOnly: true });
    app.log.info('WARDEN_JOBS=off: cluster jobs do not run on this node');
  }
  const base = app.config.publicUrl;
  print('');
  print(
    `  Warden is running on ${app.store.dialect === 'sqlite' ? `SQLite (${app.store.sqlitePath})` : 'PostgreSQL'}`,
  );
  print(`  Console:  ${base}/`);
  print(`  API:      ${base}/api/v1   (docs: ${base}/docs)`);
  if (setupUrl) print(`  First start: create the admin account at ${setupUrl}`);
  else print(`  Sign in at ${base}/login`);
  print('');
  app.log.debug({ address }, 'listening');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // /readyz answers 503 from now on, so a load balancer stops sending work here.
    app.state.draining = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const timer = setTimeout(() => {
      app.log.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    timer.unref();
    await server.close();
    await app.close();
    process.exit(0);
  };
  const onSignal = (signal: string) =>
    shutdown(signal).catch((err: unknown) => {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
  process.once('SIGTERM', () => void onSignal('SIGTERM'));
  process.once('SIGINT', () => void onSignal('SIGINT'));
  return server;
}
