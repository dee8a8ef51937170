import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import type { AuditContext } from '../access/audit.js';
import { type ExportFormat, exportStream } from '../blocklist/export.js';
import { fileSha256, importerFor } from '../blocklist/import.js';
import { inspectImportFile, mapHeader, readRows } from '../blocklist/import-rows.js';
import { encodingLabels } from '../core/text-encoding.js';

import type { WithApp } from './with-app.js';

const out = (line = '') => process.stdout.write(`${line}\n`);

/** `warden blocklist import|export`. */
export function registerBlocklistCommands(program: Command, withApp: WithApp, ctx: AuditContext): void {
  const blocklist = program.command('blocklist').description('Blocklist import and export');

  blocklist
    .command('import <file>')
    .description(
      [
        'Import entries from a CSV or TSV file (UTF-8 with or without BOM, GBK/GB18030 or UTF-16, found from',
        'the content; comma or tab separated) or an XLSX workbook (first sheet). A legacy .xls must be saved',
        'as .xlsx or CSV first.',
        'Header row in English or Chinese: one target column per row (phone/手机号, email/邮箱, user_id/用户ID,',
        'device_id/设备ID, open_id/OpenID, ip/IP, email_domain/邮箱域名, phone_prefix/号段, customer_id/客户ID),',
        'category/分类 and reason/原因 (required), level/级别, limit_max/限制次数, limit_window_seconds/限制窗口,',
        'allowed_channels/允许渠道, starts_at/生效时间, expires_at/到期时间, review_at/复核时间, owner/负责人.',
        'Category, level and channel take keys, labels and common words (骚扰, 诈骗, 广告, 投诉; 一级; 短信, 电话).',
        'Times: ISO 8601 or YYYY-MM-DD[ HH:mm[:ss]], read in Asia/Shanghai (UTC+8) unless an offset is given.',
        'A file with any bad row imports nothing unless --skip-invalid; importing it again changes nothing.',
        'A dry run writes nothing and reports what a real run would do.',
        'Exit status: 0 when every row is good (or --skip-invalid imported the good ones), 1 when rows were',
        'rejected (also on a dry run) or the file cannot be read.',
      ].join('\n'),
    )
    .option('--dry-run', 'validate and report; write nothing')
    .option('--skip-invalid', 'import the good rows and report the bad ones')
    .option('--confirm', 'also block key customers (protected, protected tier, high lifetime value)')
    .option('--json', 'print the job as JSON instead of a summary')
    .option('--actor <name>', 'record the import as made by cli:<name> (default: the OS user)')
    .action(
      async (
        file: string,
        o: { dryRun?: boolean; skipInvalid?: boolean; confirm?: boolean; json?: boolean },
      ) => {
        const type = await inspectImportFile(file).catch((err: unknown) => {
          if (err instanceof Error && 'code' in err && (err as { code: unknown }).code === 'ENOENT')
            throw new Error(`cannot read ${file}`);
          throw err;
        });
        const format = type.format;
        for await (const row of readRows(file, format, type)) {
          mapHeader(row.cells);
          break;
        }
        await withApp(async (app) => {
          const importer = importerFor(app);
          const jobId = await importer.createJob(ctx, {
            fileName: basename(file),
            fileHash: await fileSha256(file),
            dryRun: o.dryRun === true,
            skipInvalid: o.skipInvalid === true,
          });
          const bar = new SingleBar(
            {
              format: ' {phase} [{bar}] {percent}% | {rows} rows',
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: false,
              noTTYOutput: false,
            },
            undefined,
          );
          const tty = process.stderr.isTTY === true;
          if (tty) bar.start(100, 0, { phase: 'validating', rows: 0 });
          let job: Awaited<ReturnType<typeof importer.run>>;
          try {
            job = await importer.run(
              ctx,
              jobId,
              {
                path: file,
                fileName: basename(file),
                format,
                encoding: format === 'csv' ? type.encoding : undefined,
                delimiter: type.delimiter,
                dryRun: o.dryRun === true,
                skipInvalid: o.skipInvalid === true,
                confirm: o.confirm === true,
              },
              (p) => {
                if (tty) bar.update(p.percent, { phase: p.phase.padEnd(10), rows: p.processedRows });
              },
            );
          } finally {
            if (tty) bar.stop();
          }
          const r = job.report;
          const rejected = r.invalid > 0 && !job.skipInvalid;
          if (o.json) out(JSON.stringify(job, null, 2));
          else {
            const read = job.encoding
              ? ` (${encodingLabels[job.encoding]})`
              : format === 'xlsx'
                ? ' (XLSX)'
                : '';
            out(
              `${job.dryRun ? 'dry run: ' : ''}${job.totalRows ?? 0} rows${read}: ${r.valid} valid, ${r.invalid} invalid, ${r.skipped} skipped; ` +
                `${job.dryRun ? 'would be ' : ''}${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged (import ${job.id})`,
            );
            for (const e of r.errors.slice(0, 50)) out(`  line ${e.line}: ${e.reason}`);
            if (r.errorCount > 50) out(`  … and ${r.errorCount - 50} more (GET /api/v1/imports/${job.id})`);
          }
          if (job.status === 'failed' || (job.dryRun && rejected)) {
            process.stderr.write(
              job.dryRun
                ? 'warden: rows would be rejected: a real run imports nothing; fix them or use --skip-invalid\n'
                : 'warden: nothing was imported; fix the rows or use --skip-invalid\n',
            );
            process.exitCode = 1;
          }
        });
      },
    );

  blocklist
    .command('export')
    .description(
      "Export entries with the import’s column names plus created_at, created_by, source_name, released_at and release_reason (re-importable as a no-op). CSV cells a spreadsheet could run (after leading whitespace, =, +, - or @; or a leading tab or CR) get a leading '; XLSX writes them as text cells.",
    )
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'write here instead of standard output')
    .addOption(
      new Option('--status <status>', 'only entries of this status').choices([
        'pending',
        'scheduled',
        'active',
        'expired',
        'released',
        'rejected',
        'review_due',
      ]),
    )
    .option('--category <key>', 'only this category')
    .addOption(new Option('--level <n>', 'only this level').choices(['1', '2', '3']))
    .option('--source <source>', 'manual, import, rule or rule:<id>')
    .action(
      async (o: {
        format: ExportFormat;
        out?: string;
        status?: 'active';
        category?: string;
        level?: string;
        source?: string;
      }) => {
        if (o.format === 'xlsx' && !o.out && process.stdout.isTTY)
          throw new Error('an XLSX export is binary; give --out FILE or redirect standard output');
        await withApp(async (app) => {
          const stream = exportStream(app, ctx, o.format, {
            status: o.status,
            category: o.category,
            level: o.level ? Number(o.level) : undefined,
            source: o.source,
          });
          await pipeline(stream, o.out ? createWriteStream(o.out) : process.stdout, { end: Boolean(o.out) });
          if (o.out) process.stderr.write(`exported to ${o.out}\n`);
        });
      },
    );
}
