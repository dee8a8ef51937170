/**
 * Blocklist export to CSV or XLSX, streamed page by page so memory stays flat.
 * The columns are the import's English headers, so an exported file imports
 * into another instance and yields the same entries.
 */
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Selectable } from 'kysely';
import type { AuditContext, AuditLog } from '../access/audit.js';
import type { Clock } from '../core/clock.js';
import type { KeyRing } from '../core/crypto/keyring.js';
import type { Store } from '../storage/database.js';
import type { BlocklistEntryTable } from '../storage/schema.js';
import { targetColumns } from './import-rows.js';
import type { StoredEntryState } from './model.js';
import { deriveStatus } from './policy.js';
import { type EntryFilter, whereEntries } from './service.js';

export type ExportFormat = 'csv' | 'xlsx';

/** Export columns, in order; every one is an import header. */
export const exportColumns = [
  ...targetColumns,
  'level',
  'limit_max',
  'limit_window_seconds',
  'allowed_channels',
  'category',
  'reason',
  'starts_at',
  'expires_at',
  'review_at',
  'owner',
  'source',
  'source_name',
  'status',
  'created_at',
  'created_by',
  'released_at',
  'release_reason',
] as const;

/** The list's filters (see EntryFilter), except words in the reason. */
export type ExportFilter = EntryFilter;

/**
 * Whether a spreadsheet could take the cell for a formula (OWASP "CSV
 * injection"), by the reviewed rule: after any leading whitespace — spaces,
 * U+3000 ideographic space, tabs, line breaks — an `=`, `+`, `-` or `@`; or a
 * leading tab or CR on its own (some spreadsheets drop them and read on).
 */
export function needsNeutralising(cell: string): boolean {
  return /^[\t\r]|^\s*[=+\-@]/u.test(cell);
}

/**
 * For CSV: such a cell gets a leading `'`, which spreadsheets show as text and
 * the import strips (see unneutralise). XLSX needs none: its cells are written
 * as text cells, never formulas.
 */
export function neutralise(cell: string): string {
  // A cell that already starts with quotes before a risky start gets one more, so it round-trips.
  return cell !== '' && /^'*(?:[\t\r]|\s*[=+\-@])/u.test(cell) ? `'${cell}` : cell;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export interface ExporterDeps {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
}

const PAGE = 2_000;

/** Entries matching the filter, oldest first, as export rows (plain cells; the writer neutralises). */
export async function* exportRows(deps: ExporterDeps, filter: ExportFilter): AsyncGenerator<string[]> {
  const now = deps.clock.now();
  // Rule names for `source_name`: rules are few. Read here rather than through the
  // rules service, which the blocklist does not depend on.
  const ruleNames = new Map(
    (await deps.store.db.selectFrom('rules').select(['id', 'name']).execute()).map((r) => [r.id, r.name]),
  );
  let after = '';
  for (;;) {
    const q = whereEntries(
      deps.store.db.selectFrom('blocklist_entries').selectAll().where('id', '>', after),
      filter,
      now,
    );
    const rows = await q.orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return;
    // The release reason is the note of the entry's `released` event.
    const released = rows.filter((r) => r.state === 'released').map((r) => r.id);
    const reasons = new Map<string, string | null>();
    if (released.length) {
      const events = await deps.store.db
        .selectFrom('blocklist_events')
        .select(['entry_id', 'note_enc'])
        .where('kind', '=', 'released')
        .where('entry_id', 'in', released)
        .execute();
      for (const e of events) reasons.set(e.entry_id, e.note_enc);
    }
    for (const r of rows) yield toCells(deps.keys, r, now, ruleNames, reasons.get(r.id) ?? null);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < PAGE) return;
  }
}

function toCells(
  keys: KeyRing,
  r: Selectable<BlocklistEntryTable>,
  now: number,
  ruleNames: ReadonlyMap<string, string>,
  releaseNote: string | null,
): string[] {
  const cells: Record<(typeof exportColumns)[number], string> = {
    phone: '',
    email: '',
    user_id: '',
    device_id: '',
    open_id: '',
    ip: '',
    email_domain: '',
    phone_prefix: '',
    customer_id: r.customer_id ?? '',
    level: String(r.level),
    limit_max: r.limit_max === null ? '' : String(r.limit_max),
    limit_window_seconds: r.limit_window === null ? '' : String(r.limit_window),
    allowed_channels: r.allowed_channels ? (JSON.parse(r.allowed_channels) as string[]).join(',') : '',
    category: r.category,
    reason: keys.decrypt(r.reason_enc),
    starts_at: iso(r.starts_at),
    expires_at: iso(r.expires_at),
    review_at: iso(r.review_at),
    owner: r.owner_id ?? '',
    source: r.source,
    source_name: r.source.startsWith('rule:') ? (ruleNames.get(r.source.slice(5)) ?? '') : '',
    status: deriveStatus(
      { state: r.state as StoredEntryState, startsAt: r.starts_at, expiresAt: r.expires_at },
      now,
    ),
    created_at: iso(r.created_at),
    created_by: r.created_by ?? '',
    released_at: iso(r.released_at),
    release_reason: releaseNote ? keys.decrypt(releaseNote) : '',
  };
  if (r.identifier_type && r.identifier_enc) {
    const type = r.identifier_type as keyof typeof cells;
    if (type in cells) cells[type] = keys.decrypt(r.identifier_enc);
  }
  return exportColumns.map((c) => cells[c]);
}

/**
 * Streams the export. The audit row (`blocklist.export`, format and count) is
 * written when the last row has been produced.
 */
export function exportStream(
  deps: ExporterDeps,
  ctx: AuditContext,
  format: ExportFormat,
  filter: ExportFilter,
): Readable {
  const out = new PassThrough();
  let count = 0;
  const audit = () =>
    deps.audit.append(deps.store.db, ctx, {
      action: 'blocklist.export',
      targetType: 'blocklist_entry',
      summary: {
        format,
        count,
        filters: Object.keys(filter).filter((k) => filter[k as keyof ExportFilter] !== undefined),
      },
    });

  const pump = async () => {
    if (format === 'csv') {
      const csv = stringify({ bom: true, record_delimiter: '\r\n' });
      csv.pipe(out);
      csv.write([...exportColumns]);
      for await (const cells of exportRows(deps, filter)) {
        count++;
        if (!csv.write(cells.map(neutralise))) await new Promise((resolve) => csv.once('drain', resolve));
      }
      await audit();
      csv.end();
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useSharedStrings: false,
        useStyles: true,
      });
      const sheet = workbook.addWorksheet('blocklist');
      sheet.addRow([...exportColumns]).commit();
      for await (const cells of exportRows(deps, filter)) {
        count++;
        // String cells are text, never formulas; the Text number format (`@`) keeps a
        // risky one text when someone edits it in Excel, without a visible quote.
        const row = sheet.addRow(cells);
        cells.forEach((cell, i) => {
          if (cell !== '' && needsNeutralising(cell)) row.getCell(i + 1).numFmt = '@';
        });
        row.commit();
        // Let the zip stream drain so a large export does not pile up in memory.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
      }
      sheet.commit();
      await audit();
      await workbook.commit();
    }
  };
  pump().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}
