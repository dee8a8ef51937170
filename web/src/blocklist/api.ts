import type { CustomerCard } from '../../../src/identity/model.js';
import type { CodedText } from '../coded-text';
/**
 * The blocklist's calls (`/api/v1/blocklist…`, `/analytics/blocklist`, `/imports`)
 * and their types, as `src/blocklist/routes.ts` and `transfer-routes.ts` define them.
 */

// The server's own lists, so the console cannot drift from what the API accepts.
import { type Channel, channels } from '../../../src/blocklist/model.js';
import { type IdentifierType, identifierTypes } from '../../../src/identity/model.js';
import { ApiError, api, type FieldError, NETWORK_ERROR, type Page, query } from '../api';

export { type Channel, channels, type IdentifierType, identifierTypes };

export const levels = [1, 2, 3] as const;
export type Level = (typeof levels)[number];

/** The list filter's statuses; `review_due` is an active entry past its review date. */
export const statuses = [
  'pending',
  'scheduled',
  'active',
  'expired',
  'released',
  'rejected',
  'review_due',
] as const;
export type Status = (typeof statuses)[number];

/** `rule` matches every `rule:<id>` source. */
export const sources = ['manual', 'import', 'rule'] as const;

export interface RateLimit {
  max: number;
  windowSeconds: number;
}

export interface Exemption {
  id: string;
  from: string | null;
  until: string | null;
  sessionId: string | null;
  channel: string | null;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
  revokedAt: string | null;
  active: boolean;
}

export interface BlocklistEntry {
  id: string;
  customerId: string | null;
  /** On lists: the customer as a person (name, masked contact, tier). */
  customer?: CustomerCard | null;
  identifier: { type: string; value: string } | null;
  level: Level;
  limit: RateLimit | null;
  allowedChannels: string[] | null;
  category: string;
  reason: string;
  /** The reason as a code (a rule's auto-block) or `text`; worded by `useWordCoded`. */
  reasonCode?: CodedText;
  /** `manual`, `import` or `rule:<id>`. */
  source: string;
  ownerId: string | null;
  createdBy: string | null;
  status: Exclude<Status, 'review_due'>;
  reviewDue: boolean;
  startsAt: string | null;
  expiresAt: string | null;
  reviewAt: string | null;
  releasedAt: string | null;
  createdAt: string;
  updatedAt: string;
  exemptions: Exemption[];
}

export interface HistoryEvent {
  id: string;
  at: string;
  /** created, changed, violation, exemption_added, exemption_revoked, reviewed, review_reminder, approved, rejected, released */
  kind: string;
  actor: { type: string; id: string | null };
  detail: Record<string, unknown>;
  note: string | null;
}

export type EntryWithHistory = BlocklistEntry & { history: HistoryEvent[] };

export interface Category {
  key: string;
  labels: { 'zh-CN': string; en: string };
  defaultLevel: Level;
  defaultLimit: RateLimit | null;
  reviewDays: number | null;
  builtin: boolean;
}

export interface Reminder {
  id: string;
  entryId: string;
  ownerId: string | null;
  dueAt: string;
  createdAt: string;
  doneAt: string | null;
}

export interface BlocklistAnalytics {
  byLevel: Record<string, number>;
  byCategory: Record<string, number>;
  byStatus: Record<string, number>;
  bySource: Record<string, number>;
  perDay: { day: string; added: number; released: number }[];
}

export interface ImportReport {
  valid: number;
  invalid: number;
  skipped?: number;
  created: number;
  updated: number;
  unchanged: number;
  /** `reason` in English; `code` and `params` word it (see src/blocklist/import-rows.ts `importRowErrorCode`). */
  errors: { line: number; reason: string; code?: string; params?: Record<string, unknown> }[];
  errorCount: number;
  /** Lines per outcome (the first 1000); on a dry run, what a real run would do. */
  lines?: { created: number[]; updated: number[]; unchanged: number[] };
}

export interface ImportJob {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  phase?: 'queued' | 'validating' | 'writing' | 'done';
  fileName: string;
  format?: 'csv' | 'xlsx' | null;
  /** The text encoding a CSV/TSV was read in, detected from its content. */
  encoding?: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be' | null;
  dryRun: boolean;
  skipInvalid: boolean;
  totalRows: number | null;
  processedRows: number;
  percent: number;
  report: ImportReport;
  /** An error code when failed, e.g. `IMPORT_INVALID`. */
  error?: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** `POST /blocklist` body; exactly one of identifier and customerId. */
export interface EntryInput {
  identifier?: { type: IdentifierType; value: string };
  customerId?: string;
  level: Level;
  limit?: RateLimit | null;
  allowedChannels?: Channel[] | null;
  category: string;
  reason: string;
  startsAt?: string | null;
  expiresAt?: string | null;
  reviewAt?: string | null;
  confirm?: boolean;
}

export type EntryPatch = Partial<Omit<EntryInput, 'identifier' | 'customerId'>>;

export interface ListFilter {
  level?: Level;
  category?: string;
  status?: Status;
  source?: string;
  owner?: 'me';
  /** `type:value`, e.g. `phone:13800138000`. */
  identifier?: string;
  q?: string;
}

export interface CategoryInput {
  key: string;
  labels: { 'zh-CN': string; en: string };
  defaultLevel: Level;
  defaultLimit: RateLimit | null;
  reviewDays: number | null;
}

/**
 * An `ApiError` that keeps the problem body's extra members, e.g. `risks` of a
 * 428 CONFIRMATION_REQUIRED or `report` of a 422 IMPORT_INVALID.
 */
export class ProblemError extends ApiError {
  readonly extras: Record<string, unknown>;
  constructor(init: ConstructorParameters<typeof ApiError>[0], extras: Record<string, unknown>) {
    super(init);
    this.name = 'ProblemError';
    this.extras = extras;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

// The shared client drops a problem's extra members; the calls that need them go through here.
async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body: payload });
  } catch (err) {
    throw new ApiError({
      status: 0,
      code: NETWORK_ERROR,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
  if (res.ok) return (await res.json()) as T;
  const problem: unknown = (res.headers.get('content-type') ?? '').includes('json')
    ? await res.json().catch(() => null)
    : null;
  if (!isRecord(problem) || typeof problem.code !== 'string') {
    throw new ApiError({
      status: res.status,
      code: `HTTP_${res.status}`,
      detail: res.statusText || `HTTP ${res.status}`,
    });
  }
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (e): e is FieldError => isRecord(e) && typeof e.field === 'string' && typeof e.message === 'string',
      )
    : [];
  throw new ProblemError(
    {
      status: res.status,
      code: problem.code,
      detail: typeof problem.detail === 'string' ? problem.detail : res.statusText,
      errors,
      requestId: typeof problem.requestId === 'string' ? problem.requestId : null,
    },
    problem,
  );
}

/** The risks a 428 CONFIRMATION_REQUIRED names (English sentences from the server), or null. */
export function confirmationRisks(err: unknown): string[] | null {
  if (!(err instanceof ProblemError) || err.code !== 'CONFIRMATION_REQUIRED') return null;
  const risks = err.extras.risks;
  return Array.isArray(risks) ? risks.filter((r): r is string => typeof r === 'string') : [];
}

const enc = encodeURIComponent;

export const blocklist = {
  list: (filter: ListFilter, cursor: string | null, limit = 50) =>
    api.get<Page<BlocklistEntry>>(`/blocklist${query({ ...filter, cursor, limit })}`),
  get: (id: string) => api.get<EntryWithHistory>(`/blocklist/${enc(id)}`),
  create: (input: EntryInput) => send<BlocklistEntry>('POST', '/blocklist', input),
  update: (id: string, patch: EntryPatch) => send<BlocklistEntry>('PATCH', `/blocklist/${enc(id)}`, patch),
  /** A picklist `reasonCode` (with optional `text`; `other` needs it), or a free-text `reason`. */
  release: (id: string, why: { reason?: string; reasonCode?: string; text?: string }) =>
    api.post<BlocklistEntry>(`/blocklist/${enc(id)}/release`, why),
  approve: (id: string, note?: string) =>
    api.post<BlocklistEntry>(`/blocklist/${enc(id)}/approve`, note ? { note } : {}),
  reject: (id: string, note?: string) =>
    api.post<BlocklistEntry>(`/blocklist/${enc(id)}/reject`, note ? { note } : {}),
  addExemption: (
    id: string,
    input: {
      from?: string | null;
      until?: string | null;
      sessionId?: string | null;
      channel?: Channel | null;
      reason?: string | null;
      reasonCode?: string;
      text?: string;
    },
  ) => api.post<Exemption>(`/blocklist/${enc(id)}/exemptions`, input),
  revokeExemption: (id: string, eid: string) =>
    api.delete<Exemption>(`/blocklist/${enc(id)}/exemptions/${enc(eid)}`),
  review: (
    id: string,
    input: {
      decision: 'keep' | 'change' | 'release';
      note: string;
      changes?: EntryPatch;
      nextReviewAt?: string | null;
    },
  ) => send<BlocklistEntry>('POST', `/blocklist/${enc(id)}/reviews`, input),
  reminders: (mine: boolean) =>
    api.get<{ items: Reminder[] }>(`/blocklist/reminders${query({ mine: mine ? 'true' : undefined })}`),
  categories: () => api.get<{ items: Category[] }>('/blocklist/categories'),
  createCategory: (input: CategoryInput) => api.post<Category>('/blocklist/categories', input),
  updateCategory: (key: string, patch: Omit<CategoryInput, 'key'>) =>
    api.patch<Category>(`/blocklist/categories/${enc(key)}`, patch),
  /** Additions and releases per day of `timeZone`, the reader's. */
  analytics: (days: number, timeZone: string) =>
    api.get<BlocklistAnalytics>(`/analytics/blocklist${query({ days, timeZone })}`),
  /** 200 with the finished job, or 202 with a running one (poll `importJob`); 422 IMPORT_INVALID carries `report`. */
  startImport: (file: File, options: { dryRun: boolean; skipInvalid: boolean; confirm: boolean }) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const params = query({
      dryRun: String(options.dryRun),
      skipInvalid: String(options.skipInvalid),
      confirm: options.confirm ? 'true' : undefined,
    });
    return send<ImportJob>('POST', `/blocklist/import${params}`, form);
  },
  importJob: (id: string) => api.get<ImportJob>(`/imports/${enc(id)}`),
  /** A same-origin link the browser downloads (the session cookie goes with it). */
  exportUrl: (format: 'csv' | 'xlsx', filter: Pick<ListFilter, 'level' | 'category' | 'status' | 'source'>) =>
    `/api/v1/blocklist/export${query({ format, ...filter })}`,
};

export const blocklistKeys = {
  all: ['blocklist'] as const,
  list: (filter: ListFilter) => ['blocklist', 'list', filter] as const,
  entry: (id: string) => ['blocklist', 'entry', id] as const,
  categories: ['blocklist', 'categories'] as const,
  reminders: ['blocklist', 'reminders'] as const,
  analytics: (days: number, timeZone: string) => ['blocklist', 'analytics', days, timeZone] as const,
};
