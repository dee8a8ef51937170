/**
 * Checks an untrusted zip (an XLSX upload) against limits before any parser
 * sees it: entry count, declared and real uncompressed sizes, and for XML
 * parts the number of shared strings and the longest text run (a cell).
 *
 * exceljs streams a workbook but inflates whatever the zip holds and keeps
 * every shared string in memory, so a 3 MB file with 3 GB of shared strings
 * takes gigabytes. Here each entry is inflated as a stream whose output is
 * counted and dropped, stopping at the first limit crossed; declared sizes are
 * not trusted (a zip may lie about them). Memory stays at a few buffers.
 */
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** Entries in the archive. */
  maxEntries: number;
  /** Sum of all entries' uncompressed sizes, in bytes. */
  maxTotalBytes: number;
  /** One entry's uncompressed size, in bytes. */
  maxEntryBytes: number;
  /** `xl/sharedStrings.xml` uncompressed, in bytes. */
  maxSharedStringsBytes: number;
  /** `<si>` elements in `xl/sharedStrings.xml`. */
  maxSharedStrings: number;
  /** Longest text between two XML tags (a cell's text), in bytes. */
  maxTextRunBytes: number;
}

export const xlsxLimits: ZipLimits = {
  maxEntries: 1_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntryBytes: 512 * 1024 * 1024,
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxSharedStrings: 1_000_000,
  maxTextRunBytes: 128 * 1024,
};

/** Why a zip cannot be read: `malformed` (not a whole zip) or `limit` (too big or too many). */
export class ZipCheckError extends Error {
  constructor(
    readonly kind: 'malformed' | 'limit',
    message: string,
  ) {
    super(message);
  }
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MiB = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

/** Reads and checks the central directory; returns its entries. */
async function centralDirectory(
  handle: Awaited<ReturnType<typeof open>>,
  size: number,
  limits: ZipLimits,
): Promise<CentralEntry[]> {
  if (size < 22) throw new ZipCheckError('malformed', 'the file is too short to be a zip (XLSX) archive');
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0)
    throw new ZipCheckError(
      'malformed',
      'the file is not a complete zip (XLSX) archive: its directory is missing (truncated or not a workbook)',
    );
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new ZipCheckError('limit', 'ZIP64 archives (over 4 GiB or 65,535 entries) are not accepted');
  if (count > limits.maxEntries)
    throw new ZipCheckError('limit', `the archive has ${count} entries; at most ${limits.maxEntries}`);
  if (cdOffset + cdSize > size)
    throw new ZipCheckError('malformed', 'the zip directory points past the end of the file (truncated?)');
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const entries: CentralEntry[] = [];
  let declaredTotal = 0;
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL)
      throw new ZipCheckError('malformed', 'the zip directory is damaged');
    const nameLength = cd.readUInt16LE(p + 28);
    const entry: CentralEntry = {
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      declaredSize: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
    };
    p += 46 + nameLength + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    if (entry.compressedSize === 0xffffffff || entry.declaredSize === 0xffffffff)
      throw new ZipCheckError('limit', 'ZIP64 entries (over 4 GiB) are not accepted');
    if (entry.declaredSize > limits.maxEntryBytes)
      throw new ZipCheckError(
        'limit',
        `the part ${entry.name.slice(0, 80)} unpacks to ${MiB(entry.declaredSize)}; at most ${MiB(limits.maxEntryBytes)}`,
      );
    declaredTotal += entry.declaredSize;
    if (declaredTotal > limits.maxTotalBytes)
      throw new ZipCheckError('limit', `the workbook unpacks to more than ${MiB(limits.maxTotalBytes)}`);
    if (entry.localOffset + 30 + entry.compressedSize > size)
      throw new ZipCheckError('malformed', 'a zip entry runs past the end of the file (truncated?)');
    if (entry.flags & 1) throw new ZipCheckError('malformed', 'encrypted workbooks cannot be imported');
    if (entry.method !== 0 && entry.method !== 8)
      throw new ZipCheckError('malformed', `unsupported zip compression method ${entry.method}`);
    entries.push(entry);
  }
  return entries;
}

/** Counts `<si>` elements and the longest text run of an XML stream, across chunk boundaries. */
class XmlMeter {
  sharedStrings = 0;
  longestRun = 0;
  private run = 0;
  private inTag = false;
  /** The last bytes of a tag name seen, to spot `<si` split over chunks. */
  private tagStart = 0;

  feed(chunk: Buffer): void {
    let run = this.run;
    let inTag = this.inTag;
    let tagStart = this.tagStart;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as number;
      if (inTag) {
        // tagStart: 1 after `<`, 2 after `<s`, 3 after `<si`.
        if (tagStart === 1) tagStart = c === 0x73 ? 2 : 0;
        else if (tagStart === 2) tagStart = c === 0x69 ? 3 : 0;
        else if (tagStart === 3) {
          if (c === 0x3e || c === 0x20 || c === 0x2f || c === 0x09 || c === 0x0a || c === 0x0d)
            this.sharedStrings++;
          tagStart = 0;
        }
        if (c === 0x3e) inTag = false;
      } else if (c === 0x3c) {
        if (run > this.longestRun) this.longestRun = run;
        run = 0;
        inTag = true;
        tagStart = 1;
      } else run++;
    }
    if (run > this.longestRun) this.longestRun = run;
    this.run = run;
    this.inTag = inTag;
    this.tagStart = tagStart;
  }
}

/**
 * Checks the zip at `path` against `limits`, inflating every entry once as a
 * stream. Throws ZipCheckError; resolves when the archive is within them.
 */
export async function checkZip(path: string, limits: ZipLimits = xlsxLimits): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const entries = await centralDirectory(handle, size, limits);
    let total = 0;
    for (const entry of entries) {
      const header = Buffer.alloc(30);
      await handle.read(header, 0, 30, entry.localOffset);
      if (header.readUInt32LE(0) !== LOCAL) throw new ZipCheckError('malformed', 'a zip entry is damaged');
      const dataStart = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
      if (dataStart + entry.compressedSize > size)
        throw new ZipCheckError('malformed', 'a zip entry runs past the end of the file (truncated?)');
      const isShared = entry.name === 'xl/sharedStrings.xml';
      const isXml = entry.name.endsWith('.xml');
      const meter = isXml ? new XmlMeter() : null;
      const entryLimit = isShared
        ? Math.min(limits.maxEntryBytes, limits.maxSharedStringsBytes)
        : limits.maxEntryBytes;
      let out = 0;
      const take = (chunk: Buffer) => {
        out += chunk.length;
        total += chunk.length;
        if (out > entryLimit)
          throw new ZipCheckError(
            'limit',
            isShared
              ? `the shared strings unpack to more than ${MiB(entryLimit)}`
              : `the part ${entry.name.slice(0, 80)} unpacks to more than ${MiB(entryLimit)}`,
          );
        if (total > limits.maxTotalBytes)
          throw new ZipCheckError('limit', `the workbook unpacks to more than ${MiB(limits.maxTotalBytes)}`);
        if (meter) {
          meter.feed(chunk);
          if (meter.longestRun > limits.maxTextRunBytes)
            throw new ZipCheckError(
              'limit',
              `a cell holds more than ${Math.round(limits.maxTextRunBytes / 1024)} KiB of text`,
            );
          if (isShared && meter.sharedStrings > limits.maxSharedStrings)
            throw new ZipCheckError(
              'limit',
              `the workbook has more than ${limits.maxSharedStrings} shared strings`,
            );
        }
      };
      await inflateEntry(handle, dataStart, entry, take);
    }
  } finally {
    await handle.close();
  }
}

const READ_CHUNK = 256 * 1024;

/** Feeds the entry's uncompressed bytes to `take` chunk by chunk; `take` may throw to stop. */
async function inflateEntry(
  handle: Awaited<ReturnType<typeof open>>,
  start: number,
  entry: CentralEntry,
  take: (chunk: Buffer) => void,
): Promise<void> {
  const buffer = Buffer.alloc(Math.min(READ_CHUNK, Math.max(1, entry.compressedSize)));
  if (entry.method === 0) {
    for (let done = 0; done < entry.compressedSize; ) {
      const n = Math.min(buffer.length, entry.compressedSize - done);
      const { bytesRead } = await handle.read(buffer, 0, n, start + done);
      if (bytesRead === 0) throw new ZipCheckError('malformed', 'a zip entry is cut short');
      take(Buffer.from(buffer.subarray(0, bytesRead)));
      done += bytesRead;
    }
    return;
  }
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  let failure: unknown = null;
  let ended = false;
  inflate.on('data', (chunk: Buffer) => {
    if (failure) return;
    try {
      take(chunk);
    } catch (err) {
      failure = err;
      inflate.destroy();
    }
  });
  const finished = new Promise<void>((resolve) => {
    inflate.once('end', () => {
      ended = true;
      resolve();
    });
    inflate.once('close', () => resolve());
    inflate.once('error', (err) => {
      failure ??= new ZipCheckError('malformed', `a zip entry is damaged (${err.message})`);
      resolve();
    });
  });
  for (let done = 0; done < entry.compressedSize && !failure; ) {
    const n = Math.min(buffer.length, entry.compressedSize - done);
    const { bytesRead } = await handle.read(buffer, 0, n, start + done);
    if (bytesRead === 0) {
      failure = new ZipCheckError('malformed', 'a zip entry is cut short');
      break;
    }
    done += bytesRead;
    // Back-pressure: wait for the inflater to take it before reading more.
    if (!inflate.write(Buffer.from(buffer.subarray(0, bytesRead))))
      await new Promise<void>((resolve) => {
        const go = () => {
          inflate.off('drain', go);
          inflate.off('close', go);
          resolve();
        };
        inflate.once('drain', go);
        inflate.once('close', go);
      });
  }
  if (!failure) inflate.end();
  else inflate.destroy();
  await finished;
  if (failure) throw failure;
  if (!ended) throw new ZipCheckError('malformed', 'a zip entry is cut short');
}
