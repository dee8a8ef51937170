/**
 * A small longest-match dictionary over normalised text: a character trie, so
 * each position costs one `Map.get` per character actually matched (usually
 * none or one) however many words and lengths the lists hold. Plenty for short
 * customer messages; the keyword automata of `core/text` are for large rule lists.
 */
export interface DictionaryMatch<T> {
  word: string;
  value: T;
  start: number;
  end: number;
}

interface Node<T> {
  next: Map<string, Node<T>> | undefined;
  /** Set when a word ends here. */
  word: string | undefined;
  value: T | undefined;
}

const node = <T>(): Node<T> => ({ next: undefined, word: undefined, value: undefined });

export class Dictionary<T> {
  private readonly root: Node<T> = node();
  private count = 0;

  constructor(words: Iterable<readonly [string, T]>) {
    for (const [word, value] of words) {
      if (word.length === 0) continue;
      let at = this.root;
      for (let i = 0; i < word.length; i++) {
        const ch = word[i] as string;
        at.next ??= new Map();
        let child = at.next.get(ch);
        if (child === undefined) {
          child = node();
          at.next.set(ch, child);
        }
        at = child;
      }
      if (at.word === undefined) this.count++;
      // Later entries win, so a caller can override a shared list.
      at.word = word;
      at.value = value;
    }
  }

  get size(): number {
    return this.count;
  }

  /** The longest word starting at `pos`, or undefined. */
  matchAt(text: string, pos: number): DictionaryMatch<T> | undefined {
    // Inside a Latin word nothing can start (checked first: most positions of English text).
    if (pos > 0 && isAsciiWordChar(text.charCodeAt(pos)) && isAsciiWordChar(text.charCodeAt(pos - 1)))
      return undefined;
    let at: Node<T> | undefined = this.root;
    let best: DictionaryMatch<T> | undefined;
    let end = pos;
    while (end < text.length) {
      at = at.next?.get(text[end] as string);
      if (at === undefined) break;
      end++;
      if (at.word === undefined) continue;
      // Latin words must stand alone: `good` is not in `goods`, `no` not in `know`.
      if (
        isAsciiWordChar(text.charCodeAt(end - 1)) &&
        end < text.length &&
        isAsciiWordChar(text.charCodeAt(end))
      )
        continue;
      best = { word: at.word, value: at.value as T, start: pos, end };
    }
    return best;
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
