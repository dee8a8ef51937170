import { type FieldError, WardenError } from '../../core/errors.js';
import type { SpamLabel } from './model.js';

export interface LabelledText {
  label: SpamLabel;
  text: string;
}

// Labels as they appear in public sets and in our own exports (mark names), case-insensitive.
const LABELS: ReadonlyMap<string, SpamLabel> = new Map([
  ['1', 'spam'],
  ['spam', 'spam'],
  ['0', 'ham'],
  ['ham', 'ham'],
  ['not_spam', 'ham'],
]);

/**
 * Parses a training file for `warden model train FILE`: one `label<TAB>text` per line, label
 * `1`/`0`, `spam`/`ham` or `spam`/`not_spam`. The text is everything after the first tab (it may
 * hold more tabs). Blank lines are skipped; a BOM and CRLF line ends are accepted.
 *
 * All or nothing, like every import: any bad line and the whole file is rejected with
 * VALIDATION_FAILED listing every bad line as `{ field: 'line N', message }` (1-based).
 *
 * @example
 *   parseLabelledFile('spam\t点击领取红包\nnot_spam\t快递到了吗')
 *   // → [{ label: 'spam', text: '点击领取红包' }, { label: 'ham', text: '快递到了吗' }]
 */
export function parseLabelledFile(content: string): LabelledText[] {
  const body = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const lines = body.split(/\r?\n/);
  const rows: LabelledText[] = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const field = `line ${i + 1}`;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    if (tab === -1) {
      errors.push({ field, message: 'expected label<TAB>text, found no tab' });
      continue;
    }
    const rawLabel = line.slice(0, tab).trim();
    const label = LABELS.get(rawLabel.toLowerCase());
    if (label === undefined) {
      errors.push({
        field,
        message: `unknown label ${JSON.stringify(rawLabel)}; use 1/0, spam/ham or spam/not_spam`,
      });
      continue;
    }
    const text = line.slice(tab + 1);
    if (text.trim() === '') {
      errors.push({ field, message: 'the text is empty' });
      continue;
    }
    rows.push({ label, text });
  }
  if (errors.length > 0) {
    throw new WardenError(
      'VALIDATION_FAILED',
      `${errors.length} bad line${errors.length === 1 ? '' : 's'} in the training file; nothing was read`,
      { errors },
    );
  }
  return rows;
}
