/**
 * Every error a client can see has a stable code from this table. The HTTP
 * layer maps codes to problem+json in one place (src/http/problem.ts); the CLI
 * prints the title and detail. Add a code here, never a bare string elsewhere.
 */
export const errorCatalog = {
  // generic request errors
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  NOT_FOUND: { status: 404, title: 'No such resource' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  INVALID_TIME_ZONE: { status: 400, title: 'The time zone is not an IANA name this server knows' },
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is unreachable; retry' },
  // access
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_CREDENTIALS: { status: 401, title: 'E-mail or password is wrong' },
  LOGIN_THROTTLED: { status: 429, title: 'Too many failed logins; try again later' },
  FORBIDDEN: { status: 403, title: 'You do not have permission for this' },
  USER_EXISTS: { status: 409, title: 'A user with this e-mail already exists' },
  USER_NOT_FOUND: { status: 404, title: 'No such user' },
  API_KEY_NOT_FOUND: { status: 404, title: 'No such API key' },
  SETUP_TOKEN_INVALID: { status: 400, title: 'The setup link is invalid or has been used' },
  WEAK_PASSWORD: { status: 400, title: 'The password is too weak' },
  SCOPE_OUTSIDE_ROLE: { status: 400, title: "A scope is not one of the role's permissions" },
  GRANT_EXCEEDS_OWN: { status: 403, title: 'You cannot grant or change permissions you do not hold' },
  LAST_ADMIN: { status: 409, title: 'This is the last active admin' },
  // identity
  INVALID_IDENTIFIER: { status: 400, title: 'The identifier is not valid' },
  IDENTIFIER_CONFLICT: { status: 409, title: 'The identifier belongs to another customer' },
  CUSTOMER_NOT_FOUND: { status: 404, title: 'No such customer' },
  CUSTOMER_ERASED: {
    status: 409,
    title: "The customer's personal data was erased; the record can no longer change",
  },
  EXTERNAL_ID_TAKEN: { status: 409, title: 'Another customer already has this external id' },
  // blocklist
  BLOCKLIST_ENTRY_NOT_FOUND: { status: 404, title: 'No such blocklist entry' },
  BLOCKLIST_ENTRY_EXISTS: { status: 409, title: 'This target already has a live entry at this level' },
  BLOCKLIST_ENTRY_CLOSED: {
    status: 409,
    title: 'The entry was released or rejected and can no longer change',
  },
  BLOCKLIST_ENTRY_NOT_PENDING: { status: 409, title: 'Only a pending entry can be approved or rejected' },
  EXEMPTION_NOT_FOUND: { status: 404, title: 'No such exemption' },
  UNKNOWN_CATEGORY: { status: 400, title: 'No such blocklist category' },
  CATEGORY_EXISTS: { status: 409, title: 'A category with this key already exists' },
  CONFIRMATION_REQUIRED: { status: 428, title: 'This is a key customer: confirm to block them' },
  IMPORT_NOT_FOUND: { status: 404, title: 'No such import' },
  IMPORT_INVALID: { status: 422, title: 'The file has invalid rows; nothing was imported' },
  IMPORT_FILE_INVALID: { status: 400, title: 'The file cannot be imported as it is' },
  IMPORT_UNSUPPORTED_FORMAT: {
    status: 415,
    title: 'Import files must be CSV or TSV (UTF-8, GBK or UTF-16) or XLSX',
  },
  IMPORT_FILE_LIMIT: { status: 400, title: 'The file is larger or wider than an import allows' },
  UNKNOWN_RELEASE_REASON: { status: 400, title: 'No such release reason; the problem lists the valid codes' },
  // rules and screening
  RULE_NOT_FOUND: { status: 404, title: 'No such rule' },
  REGEX_UNSAFE: { status: 400, title: 'The regular expression could run too long on some messages' },
  RECORD_UNAVAILABLE: { status: 503, title: 'The database cannot record this now; retry' },
  // complaints
  COMPLAINT_NOT_FOUND: { status: 404, title: 'No such complaint' },
  COMPLAINT_TRANSITION_INVALID: {
    status: 409,
    title: 'The complaint cannot move to that status from its current one',
  },
  // win-back
  WINBACK_CASE_NOT_FOUND: { status: 404, title: 'No such win-back case' },
  WINBACK_ENTRY_NOT_RELEASED: {
    status: 409,
    title: 'A win-back case starts from a released (or temporarily released) entry',
  },
  WINBACK_CASE_EXISTS: { status: 409, title: 'This entry already has an open win-back case' },
  // privacy and backups
  BACKUP_UNSUPPORTED: {
    status: 409,
    title: 'Warden backs up only its embedded SQLite database; use pg_dump',
  },
  // settings
  COMPLAINT_CATEGORY_BUILTIN: {
    status: 400,
    title: 'A built-in complaint category cannot be removed; disable it instead',
  },
  UNKNOWN_COMPLAINT_CATEGORY: { status: 400, title: 'No such complaint category' },
  SETTINGS_VERSION_CONFLICT: {
    status: 409,
    title: 'The settings were changed by someone else since you loaded them',
  },
  // audit
  AUDIT_CHAIN_BROKEN: { status: 409, title: 'The audit chain is broken' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export interface FieldError {
  /** JSON pointer or dotted path of the offending field, e.g. `/from/phone`. */
  field: string;
  message: string;
}

/**
 * An expected failure with a stable code. Services throw it for bad input and
 * missing resources; the hot path returns values instead.
 */
export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly extras: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; extras?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(detail ?? errorCatalog[code].title, { cause: options.cause });
    this.name = 'WardenError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.errors = options.errors;
    this.extras = options.extras;
  }
}

export const isWardenError = (e: unknown): e is WardenError => e instanceof WardenError;

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
