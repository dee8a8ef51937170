import { parse as parseSync } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvError, CsvReader, type CsvRecord } from './csv.js';

/** Reads `text` fed in pieces cut at `cuts` (character offsets). */
function read(text: string, cuts: number[] = [], delimiter = ','): CsvRecord[] {
  const reader = new CsvReader(delimiter);
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    reader.push(text.slice(from, cut), out);
    from = cut;
  }
  reader.end(out);
  return out;
}

/** Every way of cutting `text` in two, plus one piece per character. */
function everySplit(text: string): number[][] {
  const splits: number[][] = [[]];
  for (let i = 1; i < text.length; i++) splits.push([i]);
  splits.push(Array.from({ length: text.length - 1 }, (_, i) => i + 1));
  return splits;
}

describe('CsvReader', () => {
  const cases: [string, string, [number, string[]][]][] = [
    [
      'plain rows',
      'a,b\nc,d\n',
      [
        [1, ['a', 'b']],
        [2, ['c', 'd']],
      ],
    ],
    [
      'no final line break',
      'a,b\nc,d',
      [
        [1, ['a', 'b']],
        [2, ['c', 'd']],
      ],
    ],
    [
      'CRLF',
      'a,b\r\nc,d\r\n',
      [
        [1, ['a', 'b']],
        [2, ['c', 'd']],
      ],
    ],
    [
      'lone CR',
      'a,b\rc,d\r',
      [
        [1, ['a', 'b']],
        [2, ['c', 'd']],
      ],
    ],
    [
      'BOM',
      '\ufeff手机号,原因\n13800138000,骚扰\n',
      [
        [1, ['手机号', '原因']],
        [2, ['13800138000', '骚扰']],
      ],
    ],
    [
      'empty lines skipped, numbering kept',
      'a\n\n\nb\r\n\r\nc',
      [
        [1, ['a']],
        [4, ['b']],
        [6, ['c']],
      ],
    ],
    [
      'all-empty records skipped',
      'a,b\n,\n,,,\nc,d',
      [
        [1, ['a', 'b']],
        [4, ['c', 'd']],
      ],
    ],
    ['empty cells kept', ',a,,b,\n', [[1, ['', 'a', '', 'b', '']]]],
    ['trailing delimiter at the end', 'a,', [[1, ['a', '']]]],
    ['quoted with delimiter', '"a,b",c\n', [[1, ['a,b', 'c']]]],
    ['doubled quotes', '"say ""hi""",x\n', [[1, ['say "hi"', 'x']]]],
    [
      'empty quoted cell counts as content',
      '"",""\nz',
      [
        [1, ['', '']],
        [2, ['z']],
      ],
    ],
    [
      'line breaks inside quotes',
      '"l1\nl2\r\nl3",x\nnext,y\n',
      [
        [1, ['l1\nl2\r\nl3', 'x']],
        [4, ['next', 'y']],
      ],
    ],
    ['quote inside an unquoted cell is literal', '5" screen,ok\n', [[1, ['5" screen', 'ok']]]],
    ['text after a closing quote is kept', '"a"b,c\n', [[1, ['ab', 'c']]]],
    [
      'ragged rows',
      'a,b,c\nd\ne,f\n',
      [
        [1, ['a', 'b', 'c']],
        [2, ['d']],
        [3, ['e', 'f']],
      ],
    ],
    ['whitespace is content', ' a , b \n', [[1, [' a ', ' b ']]]],
    ['quoted cell at the very end', 'x,"q"', [[1, ['x', 'q']]]],
    ['CJK and emoji', '张三,"李,四",😀\n', [[1, ['张三', '李,四', '😀']]]],
  ];
  it.each(cases)('%s, cut at every place', (_name, text, expected) => {
    const want = expected.map(([line, cells]) => ({ line, cells }));
    for (const cuts of everySplit(text)) expect(read(text, cuts), `cuts ${cuts.join(',')}`).toEqual(want);
  });

  it('reads tab-separated files', () => {
    expect(read('a\tb,c\n"x\ty"\tz\n', [], '\t')).toEqual([
      { line: 1, cells: ['a', 'b,c'] },
      { line: 2, cells: ['x\ty', 'z'] },
    ]);
  });

  it('names the line of a quote never closed', () => {
    expect(() => read('a\nb\n"open,c\nd\n')).toThrow(CsvError);
    expect(() => read('a\nb\n"open,c\nd\n')).toThrow(/line 3 is never closed/);
  });

  it('bounds memory: a record longer than the limit is an error naming its line', () => {
    const reader = new CsvReader(',', 1000);
    const out: CsvRecord[] = [];
    reader.push('ok\n"never closed', out);
    expect(() => {
      for (let i = 0; i < 20; i++) reader.push('x'.repeat(100), out);
    }).toThrow(/line 2 is longer than 1000 characters/);
    expect(out).toEqual([{ line: 1, cells: ['ok'] }]);
  });

  it('agrees with csv-parse on random well-formed files fed in random pieces', () => {
    // A seeded generator, so a failure reproduces.
    let seed = 20261123;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const alphabet = ['a', 'b', '1', ' ', '号', '😀', ',', '"', '\n', '\r\n', '\t'];
    const cell = (): string => {
      const len = rand(6);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      // Quote when needed, and sometimes when not.
      return /[",\r\n]/.test(s) || rand(4) === 0 ? `"${s.replaceAll('"', '""')}"` : s;
    };
    for (let file = 0; file < 300; file++) {
      const rows: string[] = [];
      const rowCount = 1 + rand(8);
      for (let r = 0; r < rowCount; r++) {
        // At least one non-empty cell, so neither reader skips the row.
        rows.push(['x', ...Array.from({ length: rand(4) }, cell)].join(','));
      }
      const text = rows.join(rand(2) ? '\n' : '\r\n') + (rand(2) ? '\n' : '');
      const expected = parseSync(text, {
        relax_column_count: true,
        record_delimiter: ['\r\n', '\n'],
      }) as string[][];
      const cuts = [
        ...new Set(Array.from({ length: rand(5) }, () => 1 + rand(Math.max(1, text.length - 1)))),
      ].sort((a, b) => a - b);
      expect(
        read(text, cuts).map((r) => r.cells),
        `file ${file}: ${JSON.stringify(text)}`,
      ).toEqual(expected);
    }
  });
});
