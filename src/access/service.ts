import { createHash, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Clock } from '../core/clock.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Counters } from '../storage/counters.js';
import type { Store } from '../storage/database.js';
import type { ApiKeyTable, UserTable } from '../storage/schema.js';
import type { AuditContext, AuditLog } from './audit.js';
import type { ApiKeyInfo, Principal, User } from './model.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import {
  effectivePermissions,
  everyPermission,
  grantsBeyond,
  isPermission,
  isRole,
  type Permission,
  type Role,
  rolePermissions,
  scopesOutsideRole,
} from './permissions.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const token = (bytes: number) => randomBytes(bytes).toString('base64url');
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const API_KEY_PREFIX = 'wdn_';
export const SESSION_COOKIE = 'warden_session';

/**
 * Login attempts per e-mail and per client address, in a sliding 15-minute
 * window. An attempt is counted (one atomic increment per key) before the
 * password is checked, so parallel guesses cannot all slip in before the
 * first failure is recorded; a successful login clears both keys. On Redis
 * counters the limit holds across every node.
 */
class LoginThrottle {
  constructor(
    private readonly counters: Counters,
    private readonly clock: Clock,
    private readonly maxAttempts = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Counts this attempt; seconds to wait when it is over the limit, else 0. */
  async attempt(keys: string[]): Promise<number> {
    const now = this.clock.now();
    const counts = await Promise.all(
      keys.map((k) => this.counters.hit(`login:${k}`, this.windowMs, now, this.maxAttempts + 1)),
    );
    return counts.some((n) => n > this.maxAttempts) ? Math.ceil(this.windowMs / 1000) : 0;
  }

  async clear(keys: string[]): Promise<void> {
    await Promise.all(keys.map((k) => this.counters.forget(`login:${k}`)));
  }
}

function toUser(r: UserTable): User {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: isRole(r.role) ? r.role : 'agent',
    locale: r.locale,
    disabled: r.disabled === 1,
    createdAt: new Date(r.created_at).toISOString(),
    lastLoginAt: iso(r.last_login_at),
  };
}

function toApiKey(r: ApiKeyTable): ApiKeyInfo {
  const scopes = (JSON.parse(r.scopes) as string[]).filter(isPermission);
  return {
    id: r.id,
    name: r.name,
    role: isRole(r.role) ? r.role : 'agent',
    scopes,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
  };
}

/**
 * What the caller may hand out: its own effective permissions (a principal's
 * `permissions`), or `everyPermission` for a local operator (CLI, setup).
 */
export type Grantor = ReadonlySet<Permission>;

function assertMayGrant(grantor: Grantor, granted: ReadonlySet<Permission>, what: string): void {
  const beyond = grantsBeyond(grantor, granted);
  if (beyond.length > 0) {
    throw new WardenError(
      'GRANT_EXCEEDS_OWN',
      `${what} needs ${beyond.join(', ')}, which you do not hold yourself`,
      { extras: { permissions: beyond } },
    );
  }
}

const userPermissions = (role: string): ReadonlySet<Permission> =>
  rolePermissions[isRole(role) ? role : 'agent'];

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  password: string;
  locale?: string | null;
}

/** How long past its cache time a checked API key still opens the API while the database is unreachable. */
const STALE_KEY_MS = 5 * 60_000;

/**
 * Users, sessions, API keys and the first-start setup link. Secrets (passwords,
 * session tokens, API keys, setup tokens) are stored only as hashes.
 */
export class AccessService {
  private readonly throttle: LoginThrottle;
  /** API keys are checked on every call; cache the hash look-up briefly. */
  private readonly keyCache = new Map<string, { key: ApiKeyInfo; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly sessionTtlSeconds: number,
    counters: Counters,
  ) {
    this.throttle = new LoginThrottle(counters, clock);
  }

  async countUsers(): Promise<number> {
    const r = await this.store.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async createUser(ctx: AuditContext, input: CreateUserInput, grantor: Grantor): Promise<User> {
    assertMayGrant(grantor, rolePermissions[input.role], `a user with the ${input.role} role`);
    const email = input.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
      throw new WardenError('VALIDATION_FAILED', 'the e-mail address is not valid', {
        errors: [{ field: '/email', message: 'not an e-mail address' }],
      });
    }
    const problem = passwordProblem(input.password);
    if (problem) {
      throw new WardenError('WEAK_PASSWORD', `the password is too weak: ${problem}`, {
        errors: [{ field: '/password', message: problem }],
      });
    }
    const now = this.clock.now();
    const row: UserTable = {
      id: newId('user', now),
      email,
      name: input.name.trim(),
      role: input.role,
      password_hash: await hashPassword(input.password),
      locale: input.locale ?? null,
      disabled: 0,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    };
    await this.store.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirst();
      if (existing) throw new WardenError('USER_EXISTS', `a user with e-mail ${email} already exists`);
      await trx.insertInto('users').values(row).execute();
      await this.audit.append(trx, ctx, {
        action: 'user.create',
        targetType: 'user',
        targetId: row.id,
        summary: { role: row.role },
      });
    });
    return toUser(row);
  }

  /**
   * The people a complaint can go to: enabled users whose role works
   * complaints, by name. Only what dispatch needs: id, name, role.
   */
  async listAssignable(): Promise<{ id: string; name: string; role: Role }[]> {
    const rows = await this.store.db
      .selectFrom('users')
      .select(['id', 'name', 'role'])
      .where('disabled', '=', 0)
      .execute();
    return rows
      .filter((r) => isRole(r.role) && rolePermissions[r.role].has('complaints:write'))
      .map((r) => ({ id: r.id, name: r.name, role: r.role as Role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** Display names of users (their name) and API keys (their name) by id, for lists such as the audit log. */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const users = ids.filter((id) => id.startsWith('usr_'));
    const keys = ids.filter((id) => id.startsWith('key_'));
    if (users.length > 0)
      for (const u of await this.store.db
        .selectFrom('users')
        .select(['id', 'name'])
        .where('id', 'in', users)
        .execute())
        out.set(u.id, u.name);
    if (keys.length > 0)
      for (const k of await this.store.db
        .selectFrom('api_keys')
        .select(['id', 'name'])
        .where('id', 'in', keys)
        .execute())
        out.set(k.id, k.name);
    return out;
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.store.db.selectFrom('users').selectAll().orderBy('created_at', 'asc').execute();
    return rows.map(toUser);
  }

  async updateUser(
    ctx: AuditContext,
    id: string,
    patch: { role?: Role; disabled?: boolean; name?: string; password?: string; locale?: string | null },
    grantor: Grantor,
  ): Promise<User> {
    if (patch.role !== undefined)
      assertMayGrant(grantor, rolePermissions[patch.role], `the ${patch.role} role`);
    if (patch.password !== undefined) {
      const problem = passwordProblem(patch.password);
      if (problem) {
        throw new WardenError('WEAK_PASSWORD', `the password is too weak: ${problem}`, {
          errors: [{ field: '/password', message: problem }],
        });
      }
    }
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    return this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new WardenError('USER_NOT_FOUND', `no user ${id}`);
      // Changing someone (a new password, above all) is taking over what they hold.
      assertMayGrant(grantor, userPermissions(row.role), `changing a user with the ${row.role} role`);
      const demoted = patch.role !== undefined && patch.role !== 'admin';
      if (row.role === 'admin' && row.disabled === 0 && (demoted || patch.disabled === true)) {
        // On PostgreSQL lock every active admin, in one order: two demotions at once
        // queue up, and the second sees the first one's result.
        let admins = trx
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('disabled', '=', 0)
          .orderBy('id');
        if (this.store.dialect === 'postgres') admins = admins.forUpdate();
        const others = (await admins.execute()).filter((a) => a.id !== id);
        if (others.length === 0) {
          throw new WardenError(
            'LAST_ADMIN',
            'this is the last active admin: make another admin first, then disable or demote this one',
          );
        }
      }
      const next: UserTable = {
        ...row,
        role: patch.role ?? row.role,
        disabled: patch.disabled === undefined ? row.disabled : patch.disabled ? 1 : 0,
        name: patch.name ?? row.name,
        locale: patch.locale === undefined ? row.locale : patch.locale,
        password_hash: passwordHash ?? row.password_hash,
        updated_at: this.clock.now(),
      };
      await trx.updateTable('users').set(next).where('id', '=', id).execute();
      if (next.disabled === 1 || passwordHash)
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      const changed = Object.keys(patch).filter((k) => k !== 'password' || passwordHash);
      await this.audit.append(trx, ctx, {
        action: 'user.update',
        targetType: 'user',
        targetId: id,
        summary: { changed, role: next.role, disabled: next.disabled === 1 },
      });
      return toUser(next);
    });
  }

  /** Password login. Throttled per e-mail and per client address; the same error for unknown user and wrong password. */
  async login(
    email: string,
    password: string,
    ip: string,
    requestId: string | null,
  ): Promise<{ sessionToken: string; user: User; expiresAt: number }> {
    const normalised = email.trim().toLowerCase();
    const keys = [`email:${normalised}`, `ip:${ip}`];
    const wait = await this.throttle.attempt(keys);
    if (wait > 0) {
      throw new WardenError('LOGIN_THROTTLED', `too many failed logins; try again in ${wait} s`, {
        extras: { retryAfter: wait },
      });
    }
    const row = await this.store.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', normalised)
      .executeTakeFirst();
    const ok = row
      ? await verifyPassword(password, row.password_hash)
      : await verifyPassword(password, await dummyHash());
    if (!row || !ok || row.disabled === 1) {
      await this.audit.append(
        this.store.db,
        { actor: { type: 'user', id: row?.id ?? null, role: row?.role ?? null }, requestId },
        {
          action: 'auth.login_failed',
          targetType: 'user',
          ...(row ? { targetId: row.id } : {}),
          summary: { ip },
        },
      );
      throw new WardenError('INVALID_CREDENTIALS');
    }
    await this.throttle.clear(keys);
    const now = this.clock.now();
    const sessionToken = token(32);
    const expiresAt = now + this.sessionTtlSeconds * 1000;
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sessions')
        .values({
          id: newId('session', now),
          token_hash: sha256(sessionToken),
          user_id: row.id,
          created_at: now,
          expires_at: expiresAt,
        })
        .execute();
      await trx.updateTable('users').set({ last_login_at: now }).where('id', '=', row.id).execute();
      await trx.deleteFrom('sessions').where('expires_at', '<', now).execute();
      await this.audit.append(
        trx,
        { actor: { type: 'user', id: row.id, role: row.role }, requestId },
        { action: 'auth.login', targetType: 'user', targetId: row.id, summary: { ip } },
      );
    });
    return { sessionToken, user: toUser({ ...row, last_login_at: now }), expiresAt };
  }

  async logout(sessionToken: string, ctx: AuditContext): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom('sessions')
        .where('token_hash', '=', sha256(sessionToken))
        .executeTakeFirst();
      if (Number(r.numDeletedRows) > 0) await this.audit.append(trx, ctx, { action: 'auth.logout' });
    });
  }

  async principalFromSession(sessionToken: string): Promise<Principal | null> {
    const row = await this.store.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select(['sessions.expires_at as session_expires_at'])
      .where('sessions.token_hash', '=', sha256(sessionToken))
      .executeTakeFirst();
    if (!row || row.session_expires_at <= this.clock.now() || row.disabled === 1) return null;
    const user = toUser(row);
    return {
      actor: { type: 'user', id: user.id, role: user.role, label: user.email },
      permissions: effectivePermissions(user.role, []),
      user,
      apiKey: null,
    };
  }

  async createApiKey(
    ctx: AuditContext,
    input: { name: string; role: Role; scopes: Permission[] },
    grantor: Grantor,
  ): Promise<{ key: string; info: ApiKeyInfo }> {
    const outside = scopesOutsideRole(input.role, input.scopes);
    if (outside.length > 0) {
      throw new WardenError(
        'SCOPE_OUTSIDE_ROLE',
        `${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not permissions of the ${input.role} role; scopes can only narrow a role`,
        {
          errors: outside.map((s) => ({
            field: `/scopes/${input.scopes.indexOf(s)}`,
            message: `${s} is not a permission of the ${input.role} role`,
          })),
          extras: { scopes: outside },
        },
      );
    }
    assertMayGrant(grantor, effectivePermissions(input.role, input.scopes), 'this key');
    const now = this.clock.now();
    const secret = `${API_KEY_PREFIX}${token(30)}`;
    const row: ApiKeyTable = {
      id: newId('apiKey', now),
      name: input.name.trim(),
      role: input.role,
      scopes: JSON.stringify([...new Set(input.scopes)]),
      prefix: secret.slice(0, 10),
      key_hash: sha256(secret),
      created_by: ctx.actor.id,
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    };
    await this.store.db.transaction().execute(async (trx) => {
      await trx.insertInto('api_keys').values(row).execute();
      await this.audit.append(trx, ctx, {
        action: 'apikey.create',
        targetType: 'api_key',
        targetId: row.id,
        summary: { name: row.name, role: row.role, scopes: input.scopes },
      });
    });
    return { key: secret, info: toApiKey(row) };
  }

  async listApiKeys(): Promise<ApiKeyInfo[]> {
    const rows = await this.store.db
      .selectFrom('api_keys')
      .selectAll()
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(toApiKey);
  }

  async revokeApiKey(ctx: AuditContext, id: string, grantor: Grantor): Promise<ApiKeyInfo> {
    const info = await this.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new WardenError('API_KEY_NOT_FOUND', `no API key ${id}`);
      const key = toApiKey(row);
      assertMayGrant(grantor, effectivePermissions(key.role, key.scopes), 'revoking this key');
      if (row.revoked_at !== null) return toApiKey(row);
      const revokedAt = this.clock.now();
      await trx.updateTable('api_keys').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
      await this.audit.append(trx, ctx, { action: 'apikey.revoke', targetType: 'api_key', targetId: id });
      return toApiKey({ ...row, revoked_at: revokedAt });
    });
    this.keyCache.clear();
    return info;
  }

  /** Forgets cached API keys by id (revoked or changed on another node or in the CLI). */
  forgetCachedKeys(ids: readonly string[]): void {
    // Only the keys named: a cached key keeps answering through a database blip.
    const gone = new Set(ids);
    for (const [hash, cached] of this.keyCache) if (gone.has(cached.key.id)) this.keyCache.delete(hash);
  }

  async principalFromApiKey(secret: string): Promise<Principal | null> {
    if (!secret.startsWith(API_KEY_PREFIX)) return null;
    const hash = sha256(secret);
    const now = this.clock.now();
    let key = this.keyCache.get(hash);
    if (!key || key.until < now) {
      let row: Selectable<ApiKeyTable> | undefined;
      try {
        row = await this.store.db
          .selectFrom('api_keys')
          .selectAll()
          .where('key_hash', '=', hash)
          .executeTakeFirst();
      } catch (err) {
        // Database unreachable: a key this node checked within the last
        // STALE_KEY_MS still opens the API, so screening (decided in memory)
        // goes on through a database blip. A key never seen fails as before.
        if (!key || now - key.until > STALE_KEY_MS) throw err;
        return this.principalOf(key.key);
      }
      if (!row || row.revoked_at !== null) return null;
      // Record use at most once a minute per key: not a write on every call, and never the reason a call fails.
      if (row.last_used_at === null || now - row.last_used_at > 60_000) {
        await this.store.db
          .updateTable('api_keys')
          .set({ last_used_at: now })
          .where('id', '=', row.id)
          .execute()
          .catch(() => undefined);
      }
      key = { key: toApiKey(row), until: now + 5_000 };
      this.keyCache.set(hash, key);
    }
    return this.principalOf(key.key);
  }

  private principalOf(info: ApiKeyInfo): Principal {
    return {
      actor: { type: 'api_key', id: info.id, role: info.role, label: info.name },
      permissions: effectivePermissions(info.role, info.scopes),
      user: null,
      apiKey: info,
    };
  }

  /** A one-time link that lets the first visitor create the first admin. */
  async createSetupToken(): Promise<string> {
    const now = this.clock.now();
    const secret = token(24);
    await this.store.db
      .insertInto('setup_tokens')
      .values({ token_hash: sha256(secret), created_at: now, expires_at: now + 24 * 3600_000, used_at: null })
      .execute();
    return secret;
  }

  async completeSetup(
    setupToken: string,
    input: Omit<CreateUserInput, 'role'>,
    requestId: string | null,
  ): Promise<User> {
    const now = this.clock.now();
    const hash = sha256(setupToken);
    const row = await this.store.db
      .selectFrom('setup_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.used_at !== null || row.expires_at < now || (await this.countUsers()) > 0) {
      throw new WardenError('SETUP_TOKEN_INVALID');
    }
    // Mark used first: two racing requests cannot both create an admin.
    const used = await this.store.db
      .updateTable('setup_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', hash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new WardenError('SETUP_TOKEN_INVALID');
    return this.createUser(
      { actor: { type: 'system', id: null, role: null }, requestId },
      { ...input, role: 'admin' },
      everyPermission,
    );
  }
}
