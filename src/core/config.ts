import { resolve } from 'node:path';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isSupportedCountry } from 'libphonenumber-js/max';

/**
 * The whole configuration: the `WARDEN_*` variables of DESIGN.md. Parsed once
 * at start and frozen. Every value is optional on the embedded default.
 */
export const configSchema = Type.Object({
  WARDEN_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
  WARDEN_HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  WARDEN_DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  WARDEN_DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  WARDEN_REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  WARDEN_MASTER_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
  WARDEN_DEFAULT_REGION: Type.String({ pattern: '^[A-Z]{2}$', default: 'CN' }),
  WARDEN_ADMIN_EMAIL: Type.Optional(Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$' })),
  WARDEN_ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 10 })),
  WARDEN_LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  /** Public base URL used in printed links (setup link); defaults to http://host:port. */
  WARDEN_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /**
   * Which proxies may say how a request arrived (X-Forwarded-Proto/-For): `true` (any), a hop
   * count, or comma-separated addresses/CIDRs. Unset: none, the socket decides.
   */
  WARDEN_TRUST_PROXY: Type.Optional(
    Type.String({ pattern: '^(true|false|\\d+|[0-9A-Fa-f.:/]+(\\s*,\\s*[0-9A-Fa-f.:/]+)*)$' }),
  ),
  /** Largest accepted request body in bytes (imports have their own limit). */
  WARDEN_BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  /** Session lifetime in seconds. */
  WARDEN_SESSION_TTL: Type.Integer({ minimum: 60, default: 12 * 3600 }),
  /** Customer tiers that count as key customers: blocking them needs confirmation, rules never do. */
  WARDEN_PROTECTED_TIERS: Type.String({ pattern: '^[a-z0-9_-]+(,[a-z0-9_-]+)*$', default: 'vip' }),
  /** Lifetime value at or above which a customer counts as a key customer. */
  WARDEN_PROTECTED_LIFETIME_VALUE: Type.Integer({ minimum: 0, default: 50_000 }),
  /** Whole-message replies that opt a sender out of marketing (case and width insensitive). */
  WARDEN_OPT_OUT_KEYWORDS: Type.String({ minLength: 1, default: 'STOP,UNSUBSCRIBE,退订,TD,T,N,取消订阅' }),
  /** Whole-message replies that opt a sender back in. */
  WARDEN_OPT_IN_KEYWORDS: Type.String({ minLength: 1, default: 'START,订阅' }),
  /** Marketing frequency cap per recipient: `max/windowSeconds`. */
  WARDEN_MARKETING_CAP: Type.String({ pattern: '^\\d+/\\d+$', default: '4/604800' }),
  /** SMTP server for e-mail notifications: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  WARDEN_SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** Sender of notification e-mail, e.g. `Warden <warden@example.com>`; required with WARDEN_SMTP_URL. */
  WARDEN_SMTP_FROM: Type.Optional(Type.String({ pattern: '@' })),
  /** Endpoint that receives HMAC-signed JSON notifications (staff alerts, events). */
  WARDEN_WEBHOOK_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Key for the webhook's `x-warden-signature`; required with WARDEN_WEBHOOK_URL. */
  WARDEN_WEBHOOK_SECRET: Type.Optional(Type.String({ minLength: 16 })),
  /** SMS provider adapter endpoint: receives POST `{to, text, id}`. */
  WARDEN_SMS_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
  /** Sent as `Authorization: Bearer …` to WARDEN_SMS_URL. */
  WARDEN_SMS_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  /** Staff who receive alerts by e-mail, comma-separated. */
  WARDEN_ALERT_EMAILS: Type.Optional(
    Type.String({ pattern: '^[^@\\s,]+@[^@\\s,]+(\\s*[,，]\\s*[^@\\s,]+@[^@\\s,]+)*$' }),
  ),
  /** Language of staff alert notifications. */
  WARDEN_ALERT_LOCALE: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN' }),
  /** How often each server looks for changes made elsewhere (other nodes, the CLI), in ms. */
  WARDEN_FEED_POLL_MS: Type.Integer({ minimum: 10, maximum: 10_000, default: 100 }),
  /** PostgreSQL: longest a statement may run before the server cancels it. */
  WARDEN_DB_STATEMENT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  /** PostgreSQL: longest to wait for a new connection (or a free one from the pool). */
  WARDEN_DB_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  /** PostgreSQL: an idle pooled connection is closed after this long. */
  WARDEN_DB_IDLE_TIMEOUT_MS: Type.Integer({ minimum: 1_000, default: 30_000 }),
  /** Redis: longest a command may take before it fails (and the node falls back, see below). */
  WARDEN_REDIS_COMMAND_TIMEOUT_MS: Type.Integer({ minimum: 10, default: 1_000 }),
  /** Redis: longest to wait for a connection. */
  WARDEN_REDIS_CONNECT_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 5_000 }),
  /** While Redis is down, counters are this node's own (`local`), count nothing (`open`) or count every key as over its limit (`closed`). */
  WARDEN_COUNTERS_ON_REDIS_DOWN: Type.Union(
    [Type.Literal('local'), Type.Literal('open'), Type.Literal('closed')],
    { default: 'local' },
  ),
  /** `off`: this node only serves; the scheduled jobs run on the other nodes (or a `warden worker`). */
  WARDEN_JOBS: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on' }),
  /** Days to keep screened messages; 0 keeps them for ever. */
  WARDEN_RETENTION_MESSAGES_DAYS: Type.Integer({ minimum: 0, maximum: 36500, default: 0 }),
  /** Days to keep blocklist entries after they were released, rejected or expired; 0 = for ever. */
  WARDEN_RETENTION_ENTRIES_DAYS: Type.Integer({ minimum: 0, maximum: 36500, default: 0 }),
  /** Days to keep closed complaints after they closed; 0 = for ever. */
  WARDEN_RETENTION_COMPLAINTS_DAYS: Type.Integer({ minimum: 0, maximum: 36500, default: 0 }),
  /** Days to keep audit rows of reads (who looked at whom); 0 = for ever. Changes are kept for ever. */
  WARDEN_RETENTION_AUDIT_READS_DAYS: Type.Integer({ minimum: 0, maximum: 36500, default: 0 }),
  /** Scheduled SQLite backups: `off`, `hourly`, `daily` (03:00 UTC) or `daily@HH` (that UTC hour). */
  WARDEN_BACKUP_SCHEDULE: Type.String({
    pattern: '^(off|hourly|daily|daily@([01]?\\d|2[0-3]))$',
    default: 'off',
  }),
  /** How many scheduled backups to keep (oldest are removed). */
  WARDEN_BACKUP_KEEP: Type.Integer({ minimum: 1, maximum: 1000, default: 7 }),
  /** Where backups go; default `<data dir>/backups`. */
  WARDEN_BACKUP_DIR: Type.Optional(Type.String({ minLength: 1 })),
});

type RawConfig = Static<typeof configSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  masterKey: string | undefined;
  defaultRegion: string;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  logLevel: string;
  publicUrl: string;
  bodyLimit: number;
  /** Fastify's `trustProxy`: whose X-Forwarded-Proto/-For to believe. `false` trusts none. */
  trustProxy: boolean | number | string[];
  sessionTtlSeconds: number;
  protectedTiers: readonly string[];
  protectedLifetimeValue: number;
  optOutKeywords: readonly string[];
  optInKeywords: readonly string[];
  marketingCap: { max: number; windowSeconds: number };
  feedPollMs: number;
  /** Timeouts of the PostgreSQL pool, in ms (SQLite waits on its lock for 5 s regardless). */
  db: { statementTimeoutMs: number; connectTimeoutMs: number; idleTimeoutMs: number };
  /** Redis timeouts, in ms, and what counters do while Redis is down. */
  redis: {
    commandTimeoutMs: number;
    connectTimeoutMs: number;
    countersOnDown: 'local' | 'open' | 'closed';
  };
  /** Whether `warden serve` runs the scheduled jobs (each takes a database lease, so one node at a time runs it). */
  jobs: boolean;
  /** Notification channels; a channel left unset records its notifications as failed "channel not configured". */
  notify: NotifyConfig;
  /** Days to keep each kind of data; null keeps it for ever (the default). */
  retention: RetentionConfig;
  /** Scheduled SQLite backups. */
  backup: BackupConfig;
}

export interface RetentionConfig {
  messagesDays: number | null;
  entriesDays: number | null;
  complaintsDays: number | null;
  auditReadsDays: number | null;
}

export interface BackupConfig {
  /** null = no scheduled backups; `hourly`; or once a day at `hour` UTC. */
  schedule: { every: 'hourly' } | { every: 'daily'; hour: number } | null;
  keep: number;
  dir: string;
}

export interface NotifyConfig {
  smtp: { url: string; from: string } | null;
  webhook: { url: string; secret: string } | null;
  sms: { url: string; token: string | null } | null;
  alertEmails: readonly string[];
  alertLocale: 'zh-CN' | 'en';
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

// Whole-number variables, read from the schema so a new one cannot be forgotten here.
const integerKeys = new Set(
  Object.entries(configSchema.properties)
    .filter(([, schema]) => (schema as { type?: string }).type === 'integer')
    .map(([key]) => key),
);
const secretKeys = new Set([
  'WARDEN_MASTER_KEY',
  'WARDEN_ADMIN_PASSWORD',
  'WARDEN_DATABASE_URL',
  'WARDEN_REDIS_URL',
  // URLs may carry credentials (user:pass@, ?token=).
  'WARDEN_SMTP_URL',
  'WARDEN_WEBHOOK_URL',
  'WARDEN_WEBHOOK_SECRET',
  'WARDEN_SMS_URL',
  'WARDEN_SMS_TOKEN',
]);

/**
 * Reads `WARDEN_*` from `env`. A bad value throws a ConfigError naming the
 * variable (and never echoing a secret's value).
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(configSchema.properties)) {
    const value = env[key];
    if (value === undefined || value === '') continue;
    if (integerKeys.has(key)) {
      if (!/^\d+$/.test(value.trim())) {
        throw new ConfigError(key, `must be a whole number, got ${JSON.stringify(value)}`);
      }
      raw[key] = Number(value.trim());
    } else raw[key] = value.trim();
  }
  for (const key of Object.keys(env)) {
    if (key.startsWith('WARDEN_') && !(key in configSchema.properties) && !key.startsWith('WARDEN_TEST_')) {
      // Unknown variables are most often typos of real ones; say so, but do not stop.
      process.emitWarning(`${key} is not a Warden setting and is ignored`, 'ConfigWarning');
    }
  }
  const withDefaults = Value.Default(configSchema, raw) as RawConfig;
  const first = Value.Errors(configSchema, withDefaults).First();
  if (first) {
    const variable = first.path.replace(/^\//, '') || 'configuration';
    const shown = secretKeys.has(variable) ? '(value hidden)' : JSON.stringify(first.value);
    throw new ConfigError(variable, `${first.message}; got ${shown}`);
  }
  const c = withDefaults;
  if (!isSupportedCountry(c.WARDEN_DEFAULT_REGION)) {
    throw new ConfigError(
      'WARDEN_DEFAULT_REGION',
      `${c.WARDEN_DEFAULT_REGION} is not a region with phone numbering metadata (try CN, HK, US, GB …)`,
    );
  }
  if (c.WARDEN_SMTP_URL && !c.WARDEN_SMTP_FROM) {
    throw new ConfigError('WARDEN_SMTP_FROM', 'is required when WARDEN_SMTP_URL is set');
  }
  if (c.WARDEN_WEBHOOK_URL && !c.WARDEN_WEBHOOK_SECRET) {
    // Unsigned webhooks would let anyone who learns the URL forge alerts.
    throw new ConfigError('WARDEN_WEBHOOK_SECRET', 'is required when WARDEN_WEBHOOK_URL is set');
  }
  const publicHost = c.WARDEN_HOST === '0.0.0.0' || c.WARDEN_HOST === '::' ? 'localhost' : c.WARDEN_HOST;
  return Object.freeze({
    port: c.WARDEN_PORT,
    host: c.WARDEN_HOST,
    dataDir: resolve(c.WARDEN_DATA_DIR),
    databaseUrl: c.WARDEN_DATABASE_URL,
    redisUrl: c.WARDEN_REDIS_URL,
    masterKey: c.WARDEN_MASTER_KEY,
    defaultRegion: c.WARDEN_DEFAULT_REGION,
    adminEmail: c.WARDEN_ADMIN_EMAIL,
    adminPassword: c.WARDEN_ADMIN_PASSWORD,
    logLevel: c.WARDEN_LOG_LEVEL,
    publicUrl: (
      c.WARDEN_PUBLIC_URL ??
      `http://${publicHost === '127.0.0.1' ? 'localhost' : publicHost}:${c.WARDEN_PORT}`
    ).replace(/\/$/, ''),
    bodyLimit: c.WARDEN_BODY_LIMIT,
    trustProxy: parseTrustProxy(c.WARDEN_TRUST_PROXY),
    sessionTtlSeconds: c.WARDEN_SESSION_TTL,
    protectedTiers: Object.freeze(c.WARDEN_PROTECTED_TIERS.split(',')),
    protectedLifetimeValue: c.WARDEN_PROTECTED_LIFETIME_VALUE,
    optOutKeywords: Object.freeze(splitList(c.WARDEN_OPT_OUT_KEYWORDS)),
    optInKeywords: Object.freeze(splitList(c.WARDEN_OPT_IN_KEYWORDS)),
    feedPollMs: c.WARDEN_FEED_POLL_MS,
    marketingCap: (() => {
      const [max, windowSeconds] = c.WARDEN_MARKETING_CAP.split('/').map(Number);
      return { max: max ?? 4, windowSeconds: windowSeconds ?? 604_800 };
    })(),
    db: Object.freeze({
      statementTimeoutMs: c.WARDEN_DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: c.WARDEN_DB_CONNECT_TIMEOUT_MS,
      idleTimeoutMs: c.WARDEN_DB_IDLE_TIMEOUT_MS,
    }),
    redis: Object.freeze({
      commandTimeoutMs: c.WARDEN_REDIS_COMMAND_TIMEOUT_MS,
      connectTimeoutMs: c.WARDEN_REDIS_CONNECT_TIMEOUT_MS,
      countersOnDown: c.WARDEN_COUNTERS_ON_REDIS_DOWN,
    }),
    jobs: c.WARDEN_JOBS === 'on',
    notify: Object.freeze({
      smtp:
        c.WARDEN_SMTP_URL && c.WARDEN_SMTP_FROM ? { url: c.WARDEN_SMTP_URL, from: c.WARDEN_SMTP_FROM } : null,
      webhook:
        c.WARDEN_WEBHOOK_URL && c.WARDEN_WEBHOOK_SECRET
          ? { url: c.WARDEN_WEBHOOK_URL, secret: c.WARDEN_WEBHOOK_SECRET }
          : null,
      sms: c.WARDEN_SMS_URL ? { url: c.WARDEN_SMS_URL, token: c.WARDEN_SMS_TOKEN ?? null } : null,
      alertEmails: Object.freeze(splitList(c.WARDEN_ALERT_EMAILS ?? '')),
      alertLocale: c.WARDEN_ALERT_LOCALE,
    }),
    retention: Object.freeze({
      messagesDays: c.WARDEN_RETENTION_MESSAGES_DAYS || null,
      entriesDays: c.WARDEN_RETENTION_ENTRIES_DAYS || null,
      complaintsDays: c.WARDEN_RETENTION_COMPLAINTS_DAYS || null,
      auditReadsDays: c.WARDEN_RETENTION_AUDIT_READS_DAYS || null,
    }),
    backup: Object.freeze({
      schedule: parseBackupSchedule(c.WARDEN_BACKUP_SCHEDULE),
      keep: c.WARDEN_BACKUP_KEEP,
      dir: resolve(c.WARDEN_BACKUP_DIR ?? resolve(c.WARDEN_DATA_DIR, 'backups')),
    }),
  });
}

function parseBackupSchedule(v: string): BackupConfig['schedule'] {
  if (v === 'off') return null;
  if (v === 'hourly') return { every: 'hourly' };
  return { every: 'daily', hour: v === 'daily' ? 3 : Number(v.slice('daily@'.length)) };
}

const splitList = (v: string) =>
  v
    .split(/[,，]/)
    .map((x) => x.trim())
    .filter(Boolean);

function parseTrustProxy(v: string | undefined): boolean | number | string[] {
  if (v === undefined || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return splitList(v);
}
