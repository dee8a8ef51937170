import { describe, expect, it } from 'vitest';
import { type FieldError, isWardenError } from '../../core/errors.js';
import { parseLabelledFile } from './train-file.js';

const errorsOf = (content: string): FieldError[] => {
  try {
    parseLabelledFile(content);
  } catch (e) {
    if (isWardenError(e) && e.code === 'VALIDATION_FAILED') return e.errors ?? [];
    throw e;
  }
  throw new Error('expected the file to be rejected');
};

describe('parseLabelledFile', () => {
  it.each([
    ['1', 'spam'],
    ['0', 'ham'],
    ['spam', 'spam'],
    ['ham', 'ham'],
    ['not_spam', 'ham'],
    ['SPAM', 'spam'],
    ['Not_Spam', 'ham'],
    [' 1 ', 'spam'],
  ])('reads label %j as %s', (label, expected) => {
    expect(parseLabelledFile(`${label}\t点击领取`)).toEqual([{ label: expected, text: '点击领取' }]);
  });

  it('accepts a BOM, CRLF, blank lines and tabs inside the text', () => {
    const content = '\ufeffspam\tfree\tprize\r\n\r\nnot_spam\t快递到了吗\r\n';
    expect(parseLabelledFile(content)).toEqual([
      { label: 'spam', text: 'free\tprize' },
      { label: 'ham', text: '快递到了吗' },
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseLabelledFile('')).toEqual([]);
  });

  it('rejects the whole file, naming every bad line by number', () => {
    const content = ['spam\tok', 'no tab here', '', 'maybe\ttext', '1\t   ', 'ham\tfine'].join('\n');
    expect(errorsOf(content)).toEqual([
      { field: 'line 2', message: expect.stringContaining('no tab') },
      { field: 'line 4', message: expect.stringContaining('unknown label "maybe"') },
      { field: 'line 5', message: expect.stringContaining('empty') },
    ]);
  });
});
