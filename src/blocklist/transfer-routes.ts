import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { App } from '../app.js';
import { WardenError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { xlsxLimits } from '../core/zip-limits.js';
import { auditContext } from '../http/auth.js';
import { Nullable, Strict } from '../http/schemas.js';
import { parseIdentifierRef } from '../identity/identifiers.js';
import { type ExportFormat, exportStream } from './export.js';
import { type ImportJob, importerFor } from './import.js';
import { uploadName } from './import-recovery.js';
import { inspectImportFile, MAX_COLUMNS, MAX_ROW_CHARS, mapHeader, readRows } from './import-rows.js';

/** Upload limit for one import file. */
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;
/** How long POST /blocklist/import waits for the job before answering 202. */
export const IMPORT_WAIT_SECONDS = 5;

const ReportSchema = Type.Object({
  valid: Type.Integer(),
  invalid: Type.Integer(),
  skipped: Type.Integer({
    description: 'exported rows that no longer apply (status released, rejected, expired)',
  }),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(
    Type.Object({
      line: Type.Integer(),
      reason: Type.String(),
      code: Type.Optional(
        Type.String({
          description: '`reason` as a stable code, e.g. `import.category_unknown`; `text` when none',
        }),
      ),
      params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
    {
      description:
        'the first 1000 bad rows: line (header = 1) and reason (with its code and values), never the value',
    },
  ),
  errorCount: Type.Integer(),
  lines: Type.Object(
    {
      created: Type.Array(Type.Integer()),
      updated: Type.Array(Type.Integer()),
      unchanged: Type.Array(Type.Integer()),
    },
    { description: 'lines per outcome (the first 1000 of each); on a dry run, what a real run would do' },
  ),
});

const JobSchema = Type.Object({
  id: Type.String(),
  status: Type.Union(['queued', 'running', 'succeeded', 'failed'].map((s) => Type.Literal(s))),
  phase: Type.Union(['queued', 'validating', 'writing', 'done'].map((s) => Type.Literal(s))),
  fileName: Type.String(),
  format: Nullable(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')])),
  encoding: Nullable(
    Type.Union(
      ['utf-8', 'gb18030', 'utf-16le', 'utf-16be'].map((s) => Type.Literal(s)),
      {
        description: 'the text encoding a CSV/TSV file was read in, detected from its content',
      },
    ),
  ),
  dryRun: Type.Boolean(),
  skipInvalid: Type.Boolean(),
  totalRows: Nullable(Type.Integer()),
  processedRows: Type.Integer(),
  percent: Type.Integer(),
  report: ReportSchema,
  error: Nullable(Type.String()),
  createdAt: Type.String(),
  finishedAt: Nullable(Type.String()),
});

const Bool = Type.Boolean({ default: false });
const statuses = ['pending', 'scheduled', 'active', 'expired', 'released', 'rejected', 'review_due'] as const;

const columnsHelp =
  'Columns (header row, English or Chinese, case- and space-insensitive): exactly one target per row — ' +
  'phone/手机号/手机/电话, email/邮箱, user_id/用户ID, device_id/设备ID, open_id/OpenID, ip/IP, ' +
  'email_domain/邮箱域名, phone_prefix/号段, customer_id/客户ID; then category/分类 (key or label, required), ' +
  'reason/原因 (required), level/级别 (default: the category’s), limit_max/限制次数 and ' +
  'limit_window_seconds/限制窗口 (level 2; default: the category’s), allowed_channels/允许渠道 (level 3, ' +
  'separated by , or 、), starts_at/生效时间, expires_at/到期时间, review_at/复核时间, owner/负责人 (user id), ' +
  'status and source (as exported; released/rejected/expired rows are skipped; the other export columns ' +
  'are ignored). Category, level and channel cells take keys, Chinese or English labels and common words ' +
  '(骚扰, 诈骗, 广告, 投诉; 一级/1级; 短信, 电话, 邮件). Times are ISO 8601 or ' +
  '`YYYY-MM-DD[ HH:mm[:ss]]`, read in Asia/Shanghai (UTC+8) unless an offset is given. CSV or TSV (comma or ' +
  'tab, found from the header) in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16 (found from the content); ' +
  'XLSX reads the first sheet; a legacy .xls must be saved as .xlsx or CSV first. Limits: ' +
  `${MAX_COLUMNS} cells a row, ${MAX_ROW_CHARS / 1024} KiB a CSV row; an XLSX may unpack to ` +
  `${xlsxLimits.maxTotalBytes / 1024 / 1024} MiB (shared strings ${xlsxLimits.maxSharedStringsBytes / 1024 / 1024} MiB, ` +
  `${xlsxLimits.maxSharedStrings} strings, ${xlsxLimits.maxTextRunBytes / 1024} KiB a cell, ${xlsxLimits.maxEntries} parts).`;

/** Import (CSV/XLSX, multipart) and export of the blocklist, and import progress. */
export async function blocklistTransferRoutes(scope: FastifyInstance, app: App): Promise<void> {
  // Multipart only here, in this plugin's own scope, with a limit fit for large files.
  await scope.register(fastifyMultipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 10, parts: 12 },
  });
  const r = scope.withTypeProvider<TypeBoxTypeProvider>();
  const importer = importerFor(app);
  const uploads = join(app.config.dataDir, 'imports');

  r.post(
    '/blocklist/import',
    {
      config: { access: 'blocklist:import' },
      schema: {
        tags: ['blocklist'],
        summary: 'Import entries from a CSV or XLSX file (multipart field `file`)',
        description: `${columnsHelp}\n\nA file with any bad row imports nothing (422 IMPORT_INVALID with the report) unless \`skipInvalid=true\`; \`dryRun=true\` writes nothing and reports what a real run would do (created, updated, unchanged, rejected, with lines). A file over a limit is 400 IMPORT_FILE_LIMIT, a damaged one 400 IMPORT_FILE_INVALID, neither read into memory. Rows for key customers are bad rows ("needs confirmation") unless \`confirm=true\`. Importing the same file again changes nothing (rows already in force count as \`unchanged\`).\n\nTiming: the request waits up to ${IMPORT_WAIT_SECONDS} s (or \`wait\` seconds) for the job. If it ends in time the answer is 200 with the finished job (or 422); otherwise 202 with the running job and a Location header — poll \`GET /imports/{id}\` for \`percent\` and the report. Up to ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
        consumes: ['multipart/form-data'],
        querystring: Strict({
          dryRun: Type.Optional(Bool),
          skipInvalid: Type.Optional(Bool),
          confirm: Type.Optional(Bool),
          wait: Type.Optional(
            Type.Integer({ minimum: 0, maximum: 60, description: 'seconds to wait; default 5' }),
          ),
        }),
        response: { 200: JobSchema, 202: JobSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      if (!request.isMultipart()) {
        throw new WardenError('UNSUPPORTED_MEDIA_TYPE', 'send the file as multipart/form-data, field "file"');
      }
      const part = await request.file();
      if (part?.fieldname !== 'file') {
        throw new WardenError('VALIDATION_FAILED', 'no file: send it in the multipart field "file"', {
          errors: [{ field: '/file', message: 'required' }],
        });
      }
      await mkdir(uploads, { recursive: true });
      // Named after this process, so a restart can tell a dead process's upload (import-recovery.ts).
      const path = join(uploads, uploadName(newId('import')));
      const hash = createHash('sha256');
      try {
        await pipeline(
          part.file,
          new Transform({
            transform(chunk: Buffer, _enc, done) {
              hash.update(chunk);
              done(null, chunk);
            },
          }),
          createWriteStream(path),
        );
        if (part.file.truncated) {
          throw new WardenError(
            'PAYLOAD_TOO_LARGE',
            `the file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`,
          );
        }
        // What the file is, and (XLSX) within the limits: a 4xx now rather than a failed job.
        const type = await inspectImportFile(path);
        const format = type.format;
        // Check the header now, so a wrong file is a 400 at once rather than a failed job.
        for await (const row of readRows(path, format, type)) {
          mapHeader(row.cells);
          break;
        }
        const ctx = auditContext(request);
        const dryRun = q.dryRun === true;
        const jobId = await importer.createJob(ctx, {
          fileName: part.filename || 'upload',
          fileHash: hash.digest('hex'),
          dryRun,
          skipInvalid: q.skipInvalid === true,
        });
        const done = importer
          .start(ctx, jobId, {
            path,
            fileName: part.filename,
            format,
            encoding: format === 'csv' ? type.encoding : undefined,
            delimiter: type.delimiter,
            dryRun,
            skipInvalid: q.skipInvalid === true,
            confirm: q.confirm === true,
          })
          .finally(() => rm(path, { force: true }));
        done.catch((err: unknown) => request.log.warn({ err, jobId }, 'import failed'));
        const waitMs = (q.wait ?? IMPORT_WAIT_SECONDS) * 1000;
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          done,
          new Promise<null>((resolve) => {
            timer = setTimeout(() => resolve(null), waitMs);
          }),
        ]).finally(() => clearTimeout(timer));
        if (!finished) {
          const job = await importer.get(jobId);
          return reply.code(202).header('location', `/api/v1/imports/${jobId}`).send(job);
        }
        return answer(finished);
      } catch (err) {
        await rm(path, { force: true });
        throw err;
      }
    },
  );

  const answer = (job: ImportJob): ImportJob => {
    if (job.status === 'failed' && job.error === 'IMPORT_INVALID') {
      throw new WardenError(
        'IMPORT_INVALID',
        `${job.report.errorCount} row(s) are not valid, so nothing was imported; fix them, or import with skipInvalid=true`,
        { extras: { importId: job.id, report: job.report } },
      );
    }
    return job;
  };

  r.get(
    '/imports/:id',
    {
      config: { access: 'blocklist:import' },
      schema: {
        tags: ['blocklist'],
        summary: 'An import job: status, progress (percent) and report',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: JobSchema },
      },
    },
    async (request) => importer.get(request.params.id),
  );

  r.get(
    '/blocklist/export',
    {
      config: { access: 'blocklist:export' },
      schema: {
        tags: ['blocklist'],
        summary: 'Export entries as CSV or XLSX (streamed), with the import’s column names',
        description:
          "The import's columns plus source_name (a rule's name), created_at, created_by, released_at and release_reason (ignored by the import, so an export imports back as a no-op). CSV: a cell a spreadsheet could run as a formula (after any leading whitespace — spaces, U+3000, line breaks — an =, +, - or @; or a leading tab or CR) gets a leading `'`, which the import strips; E.164 phone numbers therefore appear as `'+86…`. XLSX: such cells are text cells in the Text format, with no visible quote.",
        querystring: Strict({
          format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], { default: 'csv' })),
          status: Type.Optional(Type.Union(statuses.map((s) => Type.Literal(s)))),
          category: Type.Optional(Type.String({ maxLength: 64 })),
          level: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)])),
          source: Type.Optional(Type.String({ maxLength: 100 })),
          owner: Type.Optional(Type.String({ maxLength: 64, description: 'owner user id, or `me`' })),
          identifier: Type.Optional(
            Type.String({ maxLength: 340, description: 'type:value, e.g. phone:13800138000' }),
          ),
          customerId: Type.Optional(Type.String({ maxLength: 64 })),
        }),
        response: {
          200: {
            description: 'The entries, streamed as the format asks',
            content: {
              'text/csv': { schema: { type: 'string' } },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
                schema: { type: 'string', format: 'binary' },
              },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const format: ExportFormat = q.format ?? 'csv';
      const identifier = q.identifier
        ? parseIdentifierRef(q.identifier, { defaultRegion: app.config.defaultRegion })
        : undefined;
      const stamp = new Date(app.clock.now()).toISOString().slice(0, 10).replaceAll('-', '');
      const stream = exportStream(app, auditContext(request), format, {
        status: q.status,
        category: q.category,
        level: q.level,
        source: q.source,
        ownerId: q.owner === 'me' ? (request.principal?.actor.id ?? undefined) : q.owner,
        customerId: q.customerId,
        targetKey: identifier ? app.blocklist.targetKeyOf(identifier, null) : undefined,
      });
      reply
        .header('content-disposition', `attachment; filename="blocklist-${stamp}.${format}"`)
        .type(
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        );
      return reply.send(stream);
    },
  );
}
