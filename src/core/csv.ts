/**
 * A streaming CSV reader for imports: RFC 4180 plus what spreadsheets and
 * hand-edited files contain.
 *
 * Ours rather than a library's because it decides import speed: csv-parse
 * with line numbers (`info: true`) cost about 4 µs a record, a quarter of
 * the bare database insert the import is measured against; this reader costs
 * a fraction of that. What it accepts:
 *
 * - `,` or tab (or any one-character) delimiter; LF, CRLF or lone CR line ends;
 *   a UTF-8 BOM at the start.
 * - Quoted fields with `""` for a quote and line breaks inside.
 * - Leniencies spreadsheets need: a quote inside an unquoted field is kept
 *   as written (`5" screen`); text after a closing quote is kept (`"a"b` → `ab`);
 *   records may have any number of cells.
 * - Lines with nothing on them, and records whose cells are all empty
 *   (`,,,` rows spreadsheets leave), are skipped.
 *
 * Every record carries the 1-based line it starts on, so errors can name it.
 * Memory is bounded: a record longer than `maxRecordChars` (an unclosed quote,
 * usually) is an error naming its line rather than a file read into memory.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** `limit`: a record is longer or wider than the reader allows; `syntax`: the text is not CSV. */
    readonly kind: 'syntax' | 'limit' = 'syntax',
  ) {
    super(message);
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** One million characters: far beyond any real record, small enough to bound memory. */
export const MAX_RECORD_CHARS = 1 << 20;
/** Cells in one record, by default unbounded (the import sets its own limit). */
export const MAX_RECORD_CELLS = Number.POSITIVE_INFINITY;

export class CsvReader {
  /** Unconsumed text: the start of a record whose end has not arrived yet. */
  private rest = '';
  /** Line on which `rest` starts. */
  private line = 1;
  private started = false;
  private readonly delimiter: number;

  constructor(
    delimiter = ',',
    private readonly maxRecordChars = MAX_RECORD_CHARS,
    private readonly maxRecordCells = MAX_RECORD_CELLS,
  ) {
    if (delimiter.length !== 1) throw new Error('the delimiter must be one character');
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Feeds decoded text; appends the records it completes to `out`. */
  push(text: string, out: CsvRecord[]): void {
    let s = this.rest === '' ? text : this.rest + text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const consumed = this.parse(s, false, out);
    this.rest = consumed === s.length ? '' : s.slice(consumed);
    if (this.rest.length > this.maxRecordChars) {
      throw new CsvError(
        `the record starting on line ${this.line} is longer than ${this.maxRecordChars} characters (is a quote left open?)`,
        this.line,
      );
    }
  }

  /** The input has ended: the last record needs no line break after it. */
  end(out: CsvRecord[]): void {
    if (this.rest === '') return;
    const s = this.rest;
    this.rest = '';
    this.parse(s, true, out);
  }

  /**
   * Parses whole records from `s`; returns how many characters it consumed.
   * Without `final`, a record running to the end of `s` is left for the next push.
   */
  private parse(s: string, final: boolean, out: CsvRecord[]): number {
    const n = s.length;
    const delimiter = this.delimiter;
    let pos = 0;
    let line = this.line;
    /** Where the last complete record ended: what this call consumed. */
    let consumed = 0;
    record: while (pos < n) {
      const recordStart = pos;
      const recordLine = line;
      const cells: string[] = [];
      let empty = true;
      let quoted = false;
      let ended = false;
      // One field per iteration.
      for (;;) {
        let value: string;
        let c = s.charCodeAt(pos);
        if (c === QUOTE) {
          // Quoted: up to the closing quote, `""` standing for one quote.
          let i = pos + 1;
          let piece = i;
          value = '';
          for (;;) {
            const q = s.indexOf('"', i);
            if (q === -1 || (q + 1 >= n && !final)) {
              // The closing quote, or what follows it, is still to come.
              if (!final) break record;
              throw new CsvError(`the quote opened on line ${recordLine} is never closed`, recordLine);
            }
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(piece, q + 1);
              i = q + 2;
              piece = i;
              continue;
            }
            value += s.slice(piece, q);
            pos = q + 1;
            break;
          }
          // Text after the closing quote is kept, as spreadsheets do.
          const after = pos;
          while (pos < n) {
            c = s.charCodeAt(pos);
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          if (pos > after) value += s.slice(after, pos);
          empty = false;
          quoted = true;
        } else {
          const start = pos;
          while (pos < n) {
            c = s.charCodeAt(pos);
            if (c === delimiter || c === LF || c === CR) break;
            pos++;
          }
          value = s.slice(start, pos);
          if (value !== '') empty = false;
        }
        cells.push(value);
        if (cells.length > this.maxRecordCells) {
          throw new CsvError(
            `line ${recordLine} has more than ${this.maxRecordCells} cells`,
            recordLine,
            'limit',
          );
        }
        if (pos >= n) {
          if (!final) break record;
          break;
        }
        c = s.charCodeAt(pos);
        if (c === delimiter) {
          pos++;
          if (pos >= n && !final) break record;
          if (pos >= n) {
            cells.push('');
            break;
          }
          continue;
        }
        // A line end: LF, CRLF or a lone CR. A CR at the very end may be half a CRLF.
        if (c === CR) {
          if (pos + 1 >= n && !final) break record;
          pos += s.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else pos++;
        ended = true;
        break;
      }
      if (pos - recordStart > this.maxRecordChars) {
        throw new CsvError(
          `the record starting on line ${recordLine} is longer than ${this.maxRecordChars} characters`,
          recordLine,
          'limit',
        );
      }
      // The record's own line break, and those inside its quoted cells.
      line += quoted ? countLineBreaks(s, recordStart, pos) : ended ? 1 : 0;
      if (!empty) out.push({ line: recordLine, cells });
      consumed = pos;
      this.line = line;
    }
    return consumed;
  }
}

/** Line breaks (LF, CRLF, lone CR) in s[from, to). */
function countLineBreaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
