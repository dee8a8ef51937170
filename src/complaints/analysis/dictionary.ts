/**
 * A small longest-match dictionary over normalised text. A Map keyed by the
 * words plus, per first character, the word lengths that exist (longest
 * first), so each position costs a few `Map.get` calls instead of a slice for
 * every length up to the longest word. Plenty for short customer messages; the
 * keyword automata of `core/text` are for large rule lists.
 */
export interface DictionaryMatch<T> {
  word: string;
  value: T;
  start: number;
  end: number;
}

export class Dictionary<T> {
  private readonly entries = new Map<string, T>();
  private readonly lengthsByFirst = new Map<string, number[]>();

  constructor(words: Iterable<readonly [string, T]>) {
    for (const [word, value] of words) {
      if (word.length === 0) continue;
      // Later entries win, so a caller can override a shared list.
      this.entries.set(word, value);
      const first = word[0] as string;
      const lengths = this.lengthsByFirst.get(first) ?? [];
      if (!lengths.includes(word.length)) {
        lengths.push(word.length);
        lengths.sort((a, b) => b - a);
      }
      this.lengthsByFirst.set(first, lengths);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The longest word starting at `pos`, or undefined. */
  matchAt(text: string, pos: number): DictionaryMatch<T> | undefined {
    // Inside a Latin word nothing can start (checked before any slicing: most positions of English text).
    if (pos > 0 && isAsciiWordChar(text.charCodeAt(pos)) && isAsciiWordChar(text.charCodeAt(pos - 1)))
      return undefined;
    const lengths = this.lengthsByFirst.get(text[pos] as string);
    if (lengths === undefined) return undefined;
    for (const len of lengths) {
      const end = pos + len;
      if (end > text.length) continue;
      const word = text.slice(pos, end);
      const value = this.entries.get(word);
      if (value === undefined) continue;
      // Latin words must stand alone: `good` is not in `goods`, `no` not in `know`.
      if (isAsciiWordChar(word.charCodeAt(0)) && pos > 0 && isAsciiWordChar(text.charCodeAt(pos - 1)))
        continue;
      if (
        isAsciiWordChar(word.charCodeAt(len - 1)) &&
        end < text.length &&
        isAsciiWordChar(text.charCodeAt(end))
      )
        continue;
      return { word, value, start: pos, end };
    }
    return undefined;
  }

  /** Non-overlapping longest matches, left to right. */
  scan(text: string): DictionaryMatch<T>[] {
    const found: DictionaryMatch<T>[] = [];
    let pos = 0;
    while (pos < text.length) {
      const match = this.matchAt(text, pos);
      if (match === undefined) {
        pos += 1;
      } else {
        found.push(match);
        pos = match.end;
      }
    }
    return found;
  }
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}
