/**
 * A small longest-match dictionary over normalised text: a trie keyed by
 * UTF-16 code units. A position costs one walk down the trie, as deep as the
 * text agrees with some word, and allocates nothing unless a word matches
 * (the former Map-of-words version sliced a string for every candidate length
 * at every position: the analyser's largest cost on the screening hot path).
 * Plenty for short customer messages; the keyword automata of `core/text` are
 * for large rule lists.
 */
export interface DictionaryMatch<T> {
  word: string;
  value: T;
  start: number;
  end: number;
}

interface TrieNode<T> {
  /** Children by code unit; null for a leaf. */
  next: Map<number, TrieNode<T>> | null;
  /** Set where a word ends here. */
  word: string | null;
  value: T | undefined;
}

const leaf = <T>(): TrieNode<T> => ({ next: null, word: null, value: undefined });

export class Dictionary<T> {
  private readonly root: TrieNode<T> = leaf();
  private count = 0;
  /** Ends of the words found along one walk, reused (a walk is never re-entered). */
  private ends = new Int32Array(16);

  constructor(words: Iterable<readonly [string, T]>) {
    let depth = 0;
    for (const [word, value] of words) {
      if (word.length === 0) continue;
      let node = this.root;
      for (let i = 0; i < word.length; i++) {
        node.next ??= new Map();
        const code = word.charCodeAt(i);
        let child = node.next.get(code);
        if (child === undefined) {
          child = leaf();
          node.next.set(code, child);
        }
        node = child;
      }
      // Later entries win, so a caller can override a shared list.
      if (node.word === null) this.count++;
      node.word = word;
      node.value = value;
      depth = Math.max(depth, word.length);
    }
    if (depth > this.ends.length) this.ends = new Int32Array(depth);
  }

  get size(): number {
    return this.count;
  }

  /** The longest word starting at `pos`, or undefined. */
  matchAt(text: string, pos: number): DictionaryMatch<T> | undefined {
    const length = text.length;
    // Inside a Latin word nothing can start (most positions of English text).
    if (pos > 0 && isAsciiWordChar(text.charCodeAt(pos)) && isAsciiWordChar(text.charCodeAt(pos - 1)))
      return undefined;
    const ends = this.ends;
    let found = 0;
    let node = this.root;
    for (let i = pos; i < length; i++) {
      const child = node.next?.get(text.charCodeAt(i));
      if (child === undefined) break;
      node = child;
      if (node.word !== null) ends[found++] = i + 1;
    }
    // Longest first; Latin words must stand alone: `good` is not in `goods`.
    while (found > 0) {
      const end = ends[--found] as number;
      if (end < length && isAsciiWordChar(text.charCodeAt(end - 1)) && isAsciiWordChar(text.charCodeAt(end)))
        continue;
      const hit = this.nodeAt(text, pos, end);
      return { word: hit.word as string, value: hit.value as T, start: pos, end };
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

  /** The node of `text[start, end)`, known to be a word. */
  private nodeAt(text: string, start: number, end: number): TrieNode<T> {
    let node = this.root;
    for (let i = start; i < end; i++) node = node.next?.get(text.charCodeAt(i)) as TrieNode<T>;
    return node;
  }
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}
