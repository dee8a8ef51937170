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
  'status',
] as const;

/** The list's filters (see EntryFilter), except words in the reason. */
export type ExportFilter = EntryFilter;

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
 * leading tab or CR) gets a leading `'` (OWASP "CSV injection"); the import strips it.
 */
export function neutralise(cell: string): string {
  if (cell === '') return cell;
  const c = cell.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 ? `'${cell}` : cell;
}

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

export interface ExporterDeps {
  store: Store;
  keys: KeyRing;
  audit: AuditLog;
  clock: Clock;
}

const PAGE = 2_000;

/** Entries matching the filter, oldest first, as export rows (cells already neutralised). */
export async function* exportRows(deps: ExporterDeps, filter: ExportFilter): AsyncGenerator<string[]> {
  const now = deps.clock.now();
  let after = '';
  for (;;) {
    const q = whereEntries(
      deps.store.db.selectFrom('blocklist_entries').selectAll().where('id', '>', after),
      filter,
      now,
    );
    const rows = await q.orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return;
    for (const r of rows) yield toCells(deps.keys, r, now);
    after = rows[rows.length - 1]?.id ?? after;
    if (rows.length < PAGE) return;
  }
}

function toCells(keys: KeyRing, r: Selectable<BlocklistEntryTable>, now: number): string[] {
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
    status: deriveStatus(
      { state: r.state as StoredEntryState, startsAt: r.starts_at, expiresAt: r.expires_at },
      now,
    ),
  };
  if (r.identifier_type && r.identifier_enc) {
    const type = r.identifier_type as keyof typeof cells;
    if (type in cells) cells[type] = keys.decrypt(r.identifier_enc);
  }
  return exportColumns.map((c) => neutralise(cells[c]));
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
        if (!csv.write(cells)) await new Promise((resolve) => csv.once('drain', resolve));
      }
      await audit();
      csv.end();
    } else {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
        stream: out,
        useSharedStrings: false,
        useStyles: false,
      });
      const sheet = workbook.addWorksheet('blocklist');
      sheet.addRow([...exportColumns]).commit();
      for await (const cells of exportRows(deps, filter)) {
        count++;
        sheet.addRow(cells).commit();
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
