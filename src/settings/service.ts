import type { AuditContext, AuditLog } from '../access/audit.js';
import {
  type BlocklistSettingsDocument,
  checkBlocklistSettings,
  defaultBlocklistSettings,
} from '../blocklist/release-settings.js';
import {
  type ComplaintSettingsDocument,
  checkComplaintSettings,
  compileComplaintSettings,
  complaintCategories,
  defaultComplaintSettingsDocument,
  type LiveComplaintSettings,
} from '../complaints/team-settings.js';
import type { Clock } from '../core/clock.js';
import { type FieldError, WardenError } from '../core/errors.js';
import type { Logger } from '../core/logging.js';
import { defaultOptOutSettings, OptOutMatcher, type OptOutSettingsDocument } from '../screening/opt-out.js';
import type { Store } from '../storage/database.js';

export const settingsSections = ['complaints', 'opt-out', 'blocklist'] as const;
export type SettingsSection = (typeof settingsSections)[number];

interface Documents {
  complaints: ComplaintSettingsDocument;
  'opt-out': OptOutSettingsDocument;
  blocklist: BlocklistSettingsDocument;
}

/** A section as the API shows it. */
export interface SettingsView<S extends SettingsSection = SettingsSection> {
  section: S;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  settings: Documents[S];
}

interface Stored {
  version: number;
  updatedAt: number | null;
  updatedBy: string | null;
}

/**
 * Settings a team changes at run time, one JSON document per section with a
 * version. Services read them through this one object (`complaints`,
 * `optOut`), compiled once per change. `reload()` re-reads every section
 * from storage: a node calls it itself after its own change and must call it
 * when another node changed settings (the `settings.changed` bus topic, or the
 * change feed).
 */
export class SettingsService {
  private liveComplaints: LiveComplaintSettings;
  private liveOptOut: OptOutMatcher;
  private readonly stored: Record<SettingsSection, Stored> = {
    complaints: { version: 0, updatedAt: null, updatedBy: null },
    'opt-out': { version: 0, updatedAt: null, updatedBy: null },
    blocklist: { version: 0, updatedAt: null, updatedBy: null },
  };
  private readonly documents: Documents;
  private readonly listeners: ((section: SettingsSection, version: number) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly defaults: { optOutKeywords: readonly string[]; optInKeywords: readonly string[] },
  ) {
    this.documents = {
      complaints: this.defaultOf('complaints'),
      'opt-out': this.defaultOf('opt-out'),
      blocklist: this.defaultOf('blocklist'),
    };
    this.liveComplaints = compileComplaintSettings(this.documents.complaints, 0);
    this.liveOptOut = new OptOutMatcher(this.documents['opt-out']);
  }

  /** Complaint settings in force: analyser, weights, routing, templates, reference format. */
  get complaints(): LiveComplaintSettings {
    return this.liveComplaints;
  }

  /** Opt-out and opt-in wording in force. */
  get optOut(): OptOutMatcher {
    return this.liveOptOut;
  }

  /** Release reasons, customer notices and win-back templates in force. */
  get blocklist(): BlocklistSettingsDocument {
    return this.documents.blocklist;
  }

  /** Called after a change made here (the app tells the other nodes). */
  onChange(listener: (section: SettingsSection, version: number) => void): void {
    this.listeners.push(listener);
  }

  defaultOf<S extends SettingsSection>(section: S): Documents[S] {
    return (
      section === 'complaints'
        ? defaultComplaintSettingsDocument()
        : section === 'blocklist'
          ? defaultBlocklistSettings()
          : defaultOptOutSettings(this.defaults)
    ) as Documents[S];
  }

  /**
   * Re-reads every section and recompiles what changed. A stored document
   * that no longer fits (a field added since) is laid over the defaults, so
   * new fields start at their default.
   */
  async reload(): Promise<void> {
    const rows = await this.store.db.selectFrom('settings').selectAll().execute();
    for (const row of rows) {
      const section = row.section as SettingsSection;
      if (!settingsSections.includes(section)) continue;
      const current = this.stored[section];
      if (current.version === row.version) continue;
      try {
        const doc = overlay(this.defaultOf(section), JSON.parse(row.data) as unknown);
        this.apply(section, doc as Documents[typeof section], row.version);
        this.stored[section] = { version: row.version, updatedAt: row.updated_at, updatedBy: row.updated_by };
      } catch (err) {
        this.log.error({ err, section }, 'stored settings cannot be used; keeping the ones in force');
      }
    }
  }

  private apply<S extends SettingsSection>(section: S, doc: Documents[S], version: number): void {
    if (section === 'complaints') {
      const c = doc as ComplaintSettingsDocument;
      this.liveComplaints = compileComplaintSettings(c, version);
      this.documents.complaints = c;
    } else if (section === 'blocklist') {
      this.documents.blocklist = doc as BlocklistSettingsDocument;
    } else {
      const o = doc as OptOutSettingsDocument;
      this.liveOptOut = new OptOutMatcher(o);
      this.documents['opt-out'] = o;
    }
  }

  view<S extends SettingsSection>(section: S): SettingsView<S> {
    const s = this.stored[section];
    return {
      section,
      version: s.version,
      updatedAt: s.updatedAt === null ? null : new Date(s.updatedAt).toISOString(),
      updatedBy: s.updatedBy,
      settings: this.documents[section],
    };
  }

  /** The section as stored now (reloaded first, so another node's change shows). */
  async read<S extends SettingsSection>(section: S): Promise<SettingsView<S>> {
    await this.reload();
    return this.view(section);
  }

  /**
   * Replaces a section's document. With `expectedVersion`, refuses (409) when
   * someone else changed it since. Audited with what changed, before and after.
   */
  async write<S extends SettingsSection>(
    ctx: AuditContext,
    section: S,
    doc: Documents[S],
    expectedVersion?: number,
  ): Promise<SettingsView<S>> {
    if (section === 'complaints') {
      const categories = (doc as ComplaintSettingsDocument).categories;
      const missing = complaintCategories.filter((c) => !(c in categories));
      if (missing.length)
        throw new WardenError(
          'COMPLAINT_CATEGORY_BUILTIN',
          `built-in categories cannot be removed (set "enabled": false instead): ${missing.join(', ')}`,
          {
            errors: missing.map((c) => ({
              field: `/settings/categories/${c}`,
              message: 'built in: disable it instead',
            })),
          },
        );
    }
    const errors = check(section, doc);
    if (errors.length)
      throw new WardenError('VALIDATION_FAILED', errors.map((e) => `${e.field} ${e.message}`).join('; '), {
        errors: errors.map((e) => ({ ...e, field: `/settings${e.field}` })),
      });
    // Compile before storing: a document that cannot be used is never stored.
    if (section === 'complaints') compileComplaintSettings(doc as ComplaintSettingsDocument, 0);
    else if (section === 'opt-out') new OptOutMatcher(doc as OptOutSettingsDocument);
    const now = this.clock.now();
    const by = ctx.actor.id;
    const write = () =>
      this.store.db.transaction().execute(async (trx) => {
        const q = trx.selectFrom('settings').select(['version', 'data']).where('section', '=', section);
        // SQLite has one writer at a time already; PostgreSQL locks the row against a concurrent change.
        const row = await (this.store.dialect === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
        const current = row?.version ?? 0;
        if (expectedVersion !== undefined && expectedVersion !== current)
          throw new WardenError(
            'SETTINGS_VERSION_CONFLICT',
            `${section} settings are at version ${current}, not ${expectedVersion}`,
            { extras: { version: current } },
          );
        const before = row
          ? overlay(this.defaultOf(section), JSON.parse(row.data) as unknown)
          : this.defaultOf(section);
        const next = current + 1;
        const data = JSON.stringify(doc);
        if (row)
          await trx
            .updateTable('settings')
            .set({ data, version: next, updated_by: by, updated_at: now })
            .where('section', '=', section)
            .execute();
        else {
          // The first save: on PostgreSQL there was no row to lock, so a concurrent
          // first save may have inserted it since; it wins, this one is told.
          const inserted = await trx
            .insertInto('settings')
            .values({ section, data, version: next, updated_by: by, updated_at: now })
            .onConflict((oc) => oc.column('section').doNothing())
            .executeTakeFirst();
          if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new FirstSaveLost();
        }
        await this.audit.append(trx, ctx, {
          action: 'settings.update',
          targetType: 'settings',
          targetId: section,
          summary: { version: next, changes: diff(before, doc) },
        });
        return next;
      });
    let version: number;
    try {
      version = await write();
    } catch (err) {
      if (!(err instanceof FirstSaveLost)) throw err;
      // Against a version, the other save changed it; without one, this save goes on top.
      if (expectedVersion !== undefined)
        throw new WardenError(
          'SETTINGS_VERSION_CONFLICT',
          `${section} settings were changed at the same time, not from version ${expectedVersion}`,
          { extras: { version: expectedVersion + 1 } },
        );
      version = await write();
    }
    this.apply(section, doc, version);
    this.stored[section] = { version, updatedAt: now, updatedBy: by };
    for (const l of this.listeners) l(section, version);
    return this.view(section);
  }
}

function check(section: SettingsSection, doc: unknown): FieldError[] {
  if (section === 'blocklist') return checkBlocklistSettings(doc as BlocklistSettingsDocument);
  return section === 'complaints' ? checkComplaintSettings(doc as ComplaintSettingsDocument) : [];
}

const isPlain = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** `stored` laid over `base`: objects merge key by key, anything else replaces. */
export function overlay<T>(base: T, stored: unknown): T {
  if (!isPlain(base) || !isPlain(stored)) return (stored === undefined ? base : stored) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(stored)) out[k] = k in base ? overlay(base[k], v) : v;
  return out as T;
}

/** What changed between two documents, leaf by leaf (lists as a whole), for the audit log. */
export function diff(
  before: unknown,
  after: unknown,
  path = '',
): { path: string; before: unknown; after: unknown }[] {
  if (isPlain(before) && isPlain(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diff(before[k], after[k], `${path}/${k}`));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '/', before, after }];
}

/** A first save of a section found the row inserted by a concurrent one (see save). */
class FirstSaveLost extends Error {}
