import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import { WardenError } from '../core/errors.js';
import type { Executor, Store } from '../storage/database.js';
import type { BlocklistCategoryTable } from '../storage/schema.js';
import type { BlocklistLevel, RateLimit } from './model.js';

export interface BlocklistCategory {
  key: string;
  labels: { 'zh-CN': string; en: string };
  defaultLevel: BlocklistLevel;
  defaultLimit: RateLimit | null;
  reviewDays: number | null;
  builtin: boolean;
}

/** The four categories of the product documents, seeded on first start. */
export const seedCategories: BlocklistCategory[] = [
  {
    key: 'harassment',
    labels: { 'zh-CN': '恶意骚扰', en: 'Harassment' },
    defaultLevel: 1,
    defaultLimit: null,
    reviewDays: 90,
    builtin: true,
  },
  {
    key: 'complaint_abuse',
    labels: { 'zh-CN': '频繁投诉', en: 'Complaint abuse' },
    defaultLevel: 2,
    defaultLimit: { max: 5, windowSeconds: 86_400 },
    reviewDays: 30,
    builtin: true,
  },
  {
    key: 'fraud',
    labels: { 'zh-CN': '虚假信息', en: 'Fraud / false information' },
    defaultLevel: 1,
    defaultLimit: null,
    reviewDays: 180,
    builtin: true,
  },
  {
    key: 'spam',
    labels: { 'zh-CN': '垃圾信息', en: 'Spam' },
    defaultLevel: 2,
    defaultLimit: { max: 3, windowSeconds: 3_600 },
    reviewDays: 60,
    builtin: true,
  },
];

const toCategory = (r: BlocklistCategoryTable): BlocklistCategory => ({
  key: r.key,
  labels: { 'zh-CN': r.label_zh, en: r.label_en },
  defaultLevel: r.default_level as BlocklistLevel,
  defaultLimit:
    r.default_limit_max !== null && r.default_limit_window !== null
      ? { max: r.default_limit_max, windowSeconds: r.default_limit_window }
      : null,
  reviewDays: r.review_days,
  builtin: r.builtin === 1,
});

export interface CategoryInput {
  key: string;
  labels: { 'zh-CN': string; en: string };
  defaultLevel: BlocklistLevel;
  defaultLimit?: RateLimit | null;
  reviewDays?: number | null;
}

/** Blocklist categories and their policies (default level, limit, review period). Cached: they are few. */
export class CategoryService {
  private cache: Map<string, BlocklistCategory> | null = null;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async seed(): Promise<void> {
    const now = this.clock.now();
    for (const c of seedCategories) {
      const exists = await this.store.db
        .selectFrom('blocklist_categories')
        .select('key')
        .where('key', '=', c.key)
        .executeTakeFirst();
      if (exists) continue;
      try {
        await this.store.db
          .insertInto('blocklist_categories')
          .values(this.row(c, now, now))
          .execute();
      } catch {
        // Another node seeded it at the same moment.
      }
    }
    this.cache = null;
  }

  private row(
    c: CategoryInput & { builtin?: boolean },
    createdAt: number,
    now: number,
  ): BlocklistCategoryTable {
    return {
      key: c.key,
      label_zh: c.labels['zh-CN'],
      label_en: c.labels.en,
      default_level: c.defaultLevel,
      default_limit_max: c.defaultLimit?.max ?? null,
      default_limit_window: c.defaultLimit?.windowSeconds ?? null,
      review_days: c.reviewDays ?? null,
      builtin: c.builtin ? 1 : 0,
      created_at: createdAt,
      updated_at: now,
    };
  }

  /** Forgets the cache (categories changed on another node or in the CLI). */
  forget(): void {
    this.cache = null;
  }

  /** `db`: the caller's transaction when it holds one (SQLite has one connection: reading beside it waits forever). */
  async list(db: Executor = this.store.db): Promise<BlocklistCategory[]> {
    if (!this.cache) {
      const rows = await db
        .selectFrom('blocklist_categories')
        .selectAll()
        .orderBy('created_at')
        .orderBy('key')
        .execute();
      this.cache = new Map(rows.map((r) => [r.key, toCategory(r)]));
    }
    return [...this.cache.values()];
  }

  async get(key: string, db: Executor = this.store.db): Promise<BlocklistCategory> {
    await this.list(db);
    const c = this.cache?.get(key);
    if (!c)
      throw new WardenError('UNKNOWN_CATEGORY', `no blocklist category "${key}"`, {
        errors: [{ field: '/category', message: 'unknown category' }],
      });
    return c;
  }

  async create(ctx: AuditContext, input: CategoryInput): Promise<BlocklistCategory> {
    validateCategory(input);
    const now = this.clock.now();
    await this.store.db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('blocklist_categories')
        .select('key')
        .where('key', '=', input.key)
        .executeTakeFirst();
      if (exists) throw new WardenError('CATEGORY_EXISTS', `category "${input.key}" already exists`);
      await trx
        .insertInto('blocklist_categories')
        .values(this.row(input, now, now))
        .execute();
      await this.audit.append(trx, ctx, {
        action: 'blocklist.category.create',
        targetType: 'blocklist_category',
        targetId: input.key,
        summary: { defaultLevel: input.defaultLevel },
      });
    });
    this.cache = null;
    return this.get(input.key);
  }

  async update(
    ctx: AuditContext,
    key: string,
    patch: Partial<Omit<CategoryInput, 'key'>>,
  ): Promise<BlocklistCategory> {
    const current = await this.get(key);
    const next: CategoryInput = {
      key,
      labels: patch.labels ?? current.labels,
      defaultLevel: patch.defaultLevel ?? current.defaultLevel,
      defaultLimit: patch.defaultLimit === undefined ? current.defaultLimit : patch.defaultLimit,
      reviewDays: patch.reviewDays === undefined ? current.reviewDays : patch.reviewDays,
    };
    validateCategory(next);
    await this.store.db.transaction().execute(async (trx) => {
      const row = this.row({ ...next, builtin: current.builtin }, 0, this.clock.now());
      const { created_at: _created, ...changes } = row;
      await trx.updateTable('blocklist_categories').set(changes).where('key', '=', key).execute();
      await this.audit.append(trx, ctx, {
        action: 'blocklist.category.update',
        targetType: 'blocklist_category',
        targetId: key,
        summary: { fields: Object.keys(patch) },
      });
    });
    this.cache = null;
    return this.get(key);
  }
}

function validateCategory(c: CategoryInput): void {
  if (c.defaultLevel === 2 && !c.defaultLimit) {
    throw new WardenError('VALIDATION_FAILED', 'a level-2 category needs a default limit', {
      errors: [{ field: '/defaultLimit', message: 'required when defaultLevel is 2' }],
    });
  }
}
