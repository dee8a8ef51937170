import dayjs, { type Dayjs } from 'dayjs';

/**
 * Unsaved form input kept in sessionStorage (this tab only, gone when it
 * closes), so a failed page load, a reload or a slip of the back button does
 * not lose it. Cleared when the form is saved or cancelled.
 */
const PREFIX = 'warden.draft.';

export function readDraft<T extends object>(
  key: string,
  dates: readonly (keyof T)[] = [],
): Partial<T> | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const value = JSON.parse(raw) as Record<string, unknown>;
    if (typeof value !== 'object' || value === null) return null;
    for (const field of dates) {
      const v = value[field as string];
      value[field as string] = typeof v === 'string' ? (dayjs(v) as Dayjs) : undefined;
    }
    return value as Partial<T>;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, values: object): void {
  try {
    // dayjs values become ISO strings through their toJSON.
    sessionStorage.setItem(PREFIX + key, JSON.stringify(values));
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

export function clearDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // As above.
  }
}
