import type { Command } from 'commander';
import type { AuditContext } from '../access/audit.js';
import { createApp } from '../app.js';
import { ManualClock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import { createLogger } from '../core/logging.js';
import { DemoRefused, loadDemo } from '../demo/load.js';

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `warden demo`: a week of realistic Chinese sample data in an empty instance. */
export function registerDemoCommand(program: Command, ctx: AuditContext): void {
  program
    .command('demo')
    .description(
      'Load realistic demo data (customers with VIPs, blocklist entries of every level, rules, a week of screened messages with complaints, a surge and alerts) into an empty instance',
    )
    .option('--force', 'load even though the instance already holds data')
    .action(async (o: { force?: boolean }) => {
      const config = loadConfig();
      const log = createLogger(process.env.WARDEN_LOG_LEVEL ?? 'error', process.stderr as never);
      // The app runs on a clock the loader walks through last week, so every record has a believable time.
      const now = Date.now();
      const clock = new ManualClock(now);
      // Notification channels off: the demo's customers are made up, and their numbers and
      // addresses must never receive a real SMS or e-mail. Their notices are recorded as
      // "channel not configured", a permanent failure the outbox never retries.
      const quiet = {
        ...config,
        notify: { ...config.notify, smtp: null, webhook: null, sms: null, alertEmails: [] },
      };
      const app = await createApp(quiet, { log, clock });
      try {
        const s = await loadDemo(app, clock, ctx, {
          force: o.force === true,
          now,
          onProgress: (line) => process.stderr.write(`  ${line}\n`),
        });
        out(
          `demo loaded: ${s.customers} customers, ${s.entries} blocklist entries, ${s.rules} rules, ${s.messages} messages, ${s.complaints} complaints, ${s.surges} surge(s), ${s.alerts} open alerts`,
        );
        out(`open ${config.publicUrl} and sign in to look around`);
      } catch (err) {
        if (err instanceof DemoRefused) {
          process.stderr.write(`warden: ${err.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw err;
      } finally {
        await app.close();
      }
    });
}
