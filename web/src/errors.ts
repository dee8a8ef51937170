import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError, NETWORK_ERROR } from './api';
import { type MessageKey, type Translate, useT } from './i18n';
import { zhCN } from './i18n/zh-CN';

const knownCodes = new Set<string>([
  'INVALID_CREDENTIALS',
  'LOGIN_THROTTLED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'USER_EXISTS',
  'WEAK_PASSWORD',
  'SCOPE_OUTSIDE_ROLE',
  'GRANT_EXCEEDS_OWN',
  'LAST_ADMIN',
  'METHOD_NOT_ALLOWED',
  'VALIDATION_FAILED',
  'SETUP_TOKEN_INVALID',
  'USER_NOT_FOUND',
  'API_KEY_NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
  'NOT_FOUND',
  'INVALID_IDENTIFIER',
  'IDENTIFIER_CONFLICT',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_ERASED',
  'EXTERNAL_ID_TAKEN',
]);

const knownKey = (key: string): key is MessageKey => key in zhCN;

/**
 * A bad identifier as the server coded it (`INVALID_PHONE`, problem `too_short`) in the
 * reader's words: "手机号格式不正确：太短"; null for a code this console does not know.
 */
export function identifierText(
  t: Translate,
  coded: { code: string; params: Record<string, unknown> },
): string | null {
  const key = `code.${coded.code}`;
  if (!coded.code.startsWith('INVALID_') || !knownKey(key)) return null;
  const problem = `code.identifier.${String(coded.params.problem ?? '')}`;
  return t(key, { problem: knownKey(problem) ? t(problem) : '' });
}

/** What to tell a person about a failed call, in their language; the server's detail where we have no text. */
export function errorText(t: Translate, err: unknown): string {
  if (!(err instanceof ApiError))
    return t('error.unknown', { detail: err instanceof Error ? err.message : String(err) });
  if (err.code === NETWORK_ERROR) return t('error.network');
  if (err.identifier) {
    const text = identifierText(t, err.identifier);
    if (text) return text;
  }
  if (err.code === 'LOGIN_THROTTLED' && err.retryAfter)
    return t('error.LOGIN_THROTTLED.wait', { seconds: err.retryAfter });
  if (knownCodes.has(err.code)) {
    return t(`error.${err.code}` as MessageKey, { detail: err.detail, requestId: err.requestId ?? '—' });
  }
  return t('error.unknown', { detail: err.detail });
}

/** `/password`, `/body/email` → the form field's name (the last segment of the pointer). */
function fieldName(pointer: string): string {
  const parts = pointer.split(/[/.]/).filter(Boolean);
  return parts[parts.length - 1] ?? pointer;
}

// The server words field problems in English; the ones people meet often get our text.
const fieldMessages: Record<string, MessageKey> = {
  'use at least 10 characters': 'password.tooShort',
  'mix letters with digits or symbols': 'password.mix',
};

function fieldMessage(t: Translate, text: string): string {
  const key = fieldMessages[text];
  return key ? t(key) : text;
}

/**
 * Puts the server's field errors on the form fields that exist; returns true
 * when at least one landed, so the caller can skip the toast.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  names: readonly string[],
  t: Translate,
): boolean {
  if (!(err instanceof ApiError) || err.errors.length === 0) return false;
  const fields = err.errors
    .map((e) => ({ name: fieldName(e.field), errors: [fieldMessage(t, e.message)] }))
    .filter((f) => names.includes(f.name));
  if (fields.length === 0) return false;
  form.setFields(fields);
  return true;
}

/** A toast for a failed call. */
export function useReportError(): (err: unknown) => void {
  const t = useT();
  const { message } = App.useApp();
  return useCallback((err: unknown) => void message.error(errorText(t, err)), [t, message]);
}
