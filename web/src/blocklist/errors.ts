import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api';
import { errorText, identifierText } from '../errors';
import { type MessageKey, type Translate, useT } from '../i18n';

// The blocklist's own codes (src/core/errors.ts), worded in our dictionaries.
const blocklistCodes = new Set<string>([
  'BLOCKLIST_ENTRY_NOT_FOUND',
  'BLOCKLIST_ENTRY_EXISTS',
  'BLOCKLIST_ENTRY_CLOSED',
  'BLOCKLIST_ENTRY_NOT_PENDING',
  'EXEMPTION_NOT_FOUND',
  'UNKNOWN_CATEGORY',
  'CATEGORY_EXISTS',
  'INVALID_IDENTIFIER',
  'CUSTOMER_NOT_FOUND',
  'CONFIRMATION_REQUIRED',
  'IMPORT_NOT_FOUND',
  'IMPORT_FILE_INVALID',
  'IMPORT_UNSUPPORTED_FORMAT',
  'IMPORT_FILE_LIMIT',
  'PAYLOAD_TOO_LARGE',
]);

/** `errorText` plus the blocklist's codes. */
export function blocklistErrorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError && blocklistCodes.has(err.code) && !err.identifier)
    return t(`error.${err.code}` as MessageKey, { detail: err.detail });
  return errorText(t, err);
}

export function useReportBlocklistError(): (err: unknown) => void {
  const t = useT();
  const { message } = App.useApp();
  return useCallback((err: unknown) => void message.error(blocklistErrorText(t, err)), [t, message]);
}

/**
 * Puts the server's field errors (JSON pointers such as `/allowedChannels`,
 * `/identifier/value`, `/body/reason`) on the form's fields, through `fields`:
 * pointer (without `/body`) → form field name. True when at least one landed.
 */
export function applyPointerErrors(
  form: FormInstance,
  err: unknown,
  fields: Record<string, string>,
  /** The server's English wording → ours, for the messages people meet often. */
  messages: Record<string, string> = {},
  t?: Translate,
): boolean {
  if (!(err instanceof ApiError) || err.errors.length === 0) return false;
  // A bad identifier's field gets the console's words for it, not the server's English.
  const identifier = t && err.identifier ? identifierText(t, err.identifier) : null;
  const byName = new Map<string, string[]>();
  for (const e of err.errors) {
    let pointer = e.field.replace(/^\/body(?=\/|$)/, '');
    // `/limit/max` lands on the limit's field when only `/limit` is mapped.
    while (pointer && !(pointer in fields)) pointer = pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
    const name = fields[pointer];
    if (!name) continue;
    byName.set(name, [...(byName.get(name) ?? []), identifier ?? messages[e.message] ?? e.message]);
  }
  if (byName.size === 0) return false;
  form.setFields([...byName].map(([name, errors]) => ({ name, errors })));
  return true;
}
