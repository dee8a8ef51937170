import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { IndexSnapshot } from './policy-index.js';

/**
 * The blocklist index on disk, so a restart is ready in the time it takes to
 * read a file and replay the change feed since it was written, instead of
 * reading and re-inserting every entry row (1M rows: seconds; 10M: a minute).
 *
 * Layout (little-endian):
 *   "WDNIDX01"                      magic and format
 *   u32 n, n bytes                  JSON { header, meta } (meta sealed), padded to 4 bytes
 *   u32 k, k × u32                  lengths of the typed arrays, in words
 *   the arrays' bytes, in order
 *   32 bytes                        SHA-256 of everything before it
 *
 * The header says when it may be used (see SnapshotHeader). Nothing in the
 * file is an identifier in the clear: the arrays hold 64-bit prefixes of
 * blind indexes (keyed HMACs), entry ids and interned profile numbers, and
 * the entries kept whole (ranges, customers, exemptions) appear by id only,
 * read again from the database at load. The meta is sealed with the data key
 * all the same. A file that is cut short, altered or of another format is
 * refused whole.
 */
const MAGIC = Buffer.from('WDNIDX01', 'latin1');

/** The snapshot's file name in the data directory. */
export const BLOCKLIST_SNAPSHOT_FILE = 'blocklist-index.snapshot';

/** What must hold for a snapshot to stand in for a full load. */
export interface SnapshotHeader {
  /** Every change-feed item up to this version is in the snapshot. */
  feedVersion: number;
  /** When it was taken (epoch ms). */
  takenAt: number;
  /** Entries it holds. */
  entries: number;
  /** The blind index of a fixed probe: another key (or database) gives another value. */
  keyCheck: string;
  /** The database's identity (its first audit row's hash): a snapshot never crosses databases. */
  databaseId: string;
  /** The newest migration: a schema change can change what a row means. */
  schema: string;
  /**
   * When the feed row at `feedVersion` was written (null: no row). A database
   * whose row there differs has another history (a restored backup that went
   * on changing): the snapshot would hold changes it never had.
   */
  feedRowAt: number | null;
}

export interface SnapshotSeal {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Writes the snapshot beside `path` and renames it into place: a crash leaves the old one or none. */
export async function writeSnapshot(
  path: string,
  header: SnapshotHeader,
  snapshot: IndexSnapshot,
  seal: SnapshotSeal,
): Promise<number> {
  const json = Buffer.from(
    JSON.stringify({ header, meta: seal.seal(JSON.stringify(snapshot.meta)) }),
    'utf8',
  );
  const padded = Buffer.alloc(Math.ceil(json.length / 4) * 4, 0x20);
  json.copy(padded);
  const lengths = new Uint32Array(snapshot.arrays.length + 1);
  lengths[0] = snapshot.arrays.length;
  snapshot.arrays.forEach((a, i) => {
    lengths[i + 1] = a.length;
  });
  const parts: Buffer[] = [
    MAGIC,
    u32(padded.length),
    padded,
    Buffer.from(lengths.buffer, lengths.byteOffset, lengths.byteLength),
    ...snapshot.arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)),
  ];
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  parts.push(hash.digest());
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  let bytes = 0;
  try {
    for (const p of parts) {
      await file.write(p);
      bytes += p.length;
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  return bytes;
}

/**
 * Reads a snapshot; null when there is none. Throws (with the reason) on one
 * that cannot be used as it is: cut short, altered, or of another format.
 */
export async function readSnapshot(
  path: string,
  seal: SnapshotSeal,
): Promise<{ header: SnapshotHeader; snapshot: IndexSnapshot; bytes: number } | null> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  if (buf.length < MAGIC.length + 4 + 32 || !buf.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a blocklist index snapshot of this format');
  const body = buf.subarray(0, buf.length - 32);
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .equals(buf.subarray(buf.length - 32))
  )
    throw new Error('checksum mismatch (cut short or altered)');
  let at = MAGIC.length;
  const jsonLength = body.readUInt32LE(at);
  at += 4;
  const { header, meta } = JSON.parse(body.subarray(at, at + jsonLength).toString('utf8')) as {
    header: SnapshotHeader;
    meta: string;
  };
  at += jsonLength;
  const count = body.readUInt32LE(at);
  at += 4;
  const lengths: number[] = [];
  for (let i = 0; i < count; i++, at += 4) lengths.push(body.readUInt32LE(at));
  // A file this size comes back in a buffer of its own, 4-byte aligned; a small one may sit in
  // Node's pool at any offset, and is copied.
  const aligned = (buf.byteOffset & 3) === 0 ? buf : Buffer.from(buf);
  const arrays: Uint32Array[] = [];
  for (const length of lengths) {
    if (at + length * 4 > body.length) throw new Error('arrays run past the end');
    arrays.push(new Uint32Array(aligned.buffer, aligned.byteOffset + at, length));
    at += length * 4;
  }
  if (at !== body.length) throw new Error('bytes left after the arrays');
  return {
    header,
    snapshot: { meta: JSON.parse(seal.open(meta)) as IndexSnapshot['meta'], arrays },
    bytes: buf.length,
  };
}

/** Removes a snapshot that must not be used again (it is rebuilt at the next full load). */
export async function removeSnapshot(path: string): Promise<void> {
  await rm(path, { force: true });
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
