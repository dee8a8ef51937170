import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, errorCatalog, type FieldError, isWardenError, WardenError } from '../core/errors.js';
import { identifierErrorCode } from '../identity/identifiers.js';
import { isDatabaseUnavailable } from '../storage/database.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** Fastify's own error codes → ours. The one place transport errors get a stable code. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

interface AjvIssue {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

function validationErrors(err: FastifyError): FieldError[] {
  const issues = (err.validation ?? []) as AjvIssue[];
  const context = err.validationContext ?? 'body';
  return issues.map((v) => {
    let field = `${context}${v.instancePath ?? ''}`;
    let message = v.message ?? 'is not valid';
    if (v.keyword === 'additionalProperties' && typeof v.params?.additionalProperty === 'string') {
      field = `${field}/${v.params.additionalProperty}`;
      message = 'is not a known field';
    }
    return { field: `/${field}`.replace(/\/+/g, '/'), message };
  });
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  let e: WardenError;
  if (isWardenError(error)) e = error;
  else {
    const fe = error as FastifyError;
    const code = fe?.code ? fastifyCodes[fe.code] : undefined;
    if (fe?.validation) {
      const errors = validationErrors(fe);
      e = new WardenError(
        'VALIDATION_FAILED',
        errors.map((x) => `${x.field} ${x.message}`).join('; ') || fe.message,
        { errors },
      );
    } else if (code) e = new WardenError(code, fe.message);
    else if (fe?.statusCode === 413) e = new WardenError('PAYLOAD_TOO_LARGE', fe.message);
    else if (fe?.statusCode === 415) e = new WardenError('UNSUPPORTED_MEDIA_TYPE', fe.message);
    else if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
      e = new WardenError('VALIDATION_FAILED', fe.message);
    else if (isDatabaseUnavailable(error))
      e = new WardenError('DATABASE_UNAVAILABLE', 'the database does not answer now; nothing was changed');
    else
      e = new WardenError(
        'INTERNAL',
        'something went wrong on our side; the request id identifies it in the logs',
      );
  }
  const entry = errorCatalog[e.code];
  const problem: Problem = {
    type: `https://warden.dev/problems/${e.code.toLowerCase().replaceAll('_', '-')}`,
    title: entry.title,
    status: e.status,
    detail: e.message,
    code: e.code,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...(e.errors ? { errors: e.errors } : {}),
    ...(e.extras ?? {}),
  };
  // Which identifier and what is wrong with it, for a console to word (the detail is English).
  if (e.code === 'INVALID_IDENTIFIER') {
    const coded = identifierErrorCode(e.message);
    if (coded) problem.identifier = coded;
  }
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.code === 'LOGIN_THROTTLED' || problem.code === 'RATE_LIMITED') {
    const retry = problem.retryAfter;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
  }
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}
