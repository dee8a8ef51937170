import type { FormInstance } from 'antd';
import { ApiError } from '../api';
import { errorText } from '../errors';
import type { Translate } from '../i18n';
import { parseKeywords, pointerTarget } from './form-model';

/** `errorText` plus the rules' codes. */
export function ruleErrorText(t: Translate, err: unknown): string {
  if (err instanceof ApiError && (err.code === 'RULE_NOT_FOUND' || err.code === 'REGEX_UNSAFE'))
    return t(`error.${err.code}`, { detail: err.detail });
  return errorText(t, err);
}

/**
 * Puts the server's field errors on the editor's inputs (a keyword's error
 * names the keyword); returns the ones that have no input, for a list above the form.
 */
export function applyRuleErrors(form: FormInstance, err: unknown, t: Translate): string[] {
  if (!(err instanceof ApiError)) return [];
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const loose: string[] = [];
  for (const e of err.errors) {
    const target = pointerTarget(e.field);
    if (!target) {
      loose.push(`${e.field}: ${e.message}`);
      continue;
    }
    let message = e.message;
    if (target.index !== undefined && target.name[target.name.length - 1] === 'keywords') {
      const words = parseKeywords((form.getFieldValue(target.name) as string | undefined) ?? '');
      message = t('cond.keywords.error', { n: target.index + 1, word: words[target.index] ?? '?', message });
    } else if (target.index !== undefined) {
      message = t('cond.values.error', { n: target.index + 1, message });
    }
    const key = JSON.stringify(target.name);
    const at = byName.get(key) ?? { name: target.name, errors: [] };
    at.errors.push(message);
    byName.set(key, at);
  }
  if (byName.size) form.setFields([...byName.values()]);
  return loose;
}
