/**
 * A small ZIP writer and reader for run archives: "stored" entries only (method 0, no compression),
 * CRC-32 checked, UTF-8 names, no ZIP64 (so archives stay under 4 GiB and 65,535 entries).
 * Run folders are mostly JSON lines and float32 weights, which deflate poorly anyway, and keeping the
 * format this small means it can be read back byte for byte without a third-party dependency.
 */

export interface ZipEntry {
  /** Forward-slash path inside the archive; folders are implied by their files. */
  readonly name: string;
  readonly data: Uint8Array;
  /** Modification time; defaults to the time of writing. */
  readonly modified?: Date;
}

export class ZipError extends Error {
  readonly code = 'zip-invalid';
}

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const END_SIGNATURE = 0x06054b50;
const UTF8_FLAG = 0x0800;
const VERSION = 20;
const MAX_U32 = 0xffffffff;
const MAX_U16 = 0xffff;
/** Unix "made by" in the high byte lets readers see the mode bits in the external attributes. */
const MADE_BY_UNIX = (3 << 8) | VERSION;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, reflected, as ZIP and PNG use it). Pass a previous result to continue a running CRC. */
export function crc32(data: Uint8Array, previous = 0): number {
  let c = (previous ^ MAX_U32) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ MAX_U32) >>> 0;
}

/** MS-DOS date and time, as ZIP stores them (local time, two-second resolution, years 1980-2107). */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

function fromDos(time: number, date: number): Date {
  return new Date(1980 + (date >> 9), ((date >> 5) & 15) - 1, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2);
}

const encoder = new TextEncoder();

/** Writes the entries into one ZIP archive. Throws ZipError on names or sizes the format cannot hold. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > MAX_U16) throw new ZipError(`too many entries for a ZIP archive (${entries.length})`);
  const now = new Date();
  const prepared = entries.map((entry) => {
    const name = encoder.encode(entry.name);
    if (name.length === 0 || name.length > MAX_U16) throw new ZipError(`bad entry name '${entry.name}'`);
    return { name, data: entry.data, crc: crc32(entry.data), when: dosDateTime(entry.modified ?? now) };
  });
  const localSize = prepared.reduce((sum, e) => sum + 30 + e.name.length + e.data.length, 0);
  const centralSize = prepared.reduce((sum, e) => sum + 46 + e.name.length, 0);
  const total = localSize + centralSize + 22;
  if (localSize > MAX_U32 || total > MAX_U32) throw new ZipError('archive would exceed 4 GiB (ZIP64 is not supported)');

  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let p = 0;
  for (const e of prepared) {
    offsets.push(p);
    view.setUint32(p, LOCAL_SIGNATURE, true);
    view.setUint16(p + 4, VERSION, true);
    view.setUint16(p + 6, UTF8_FLAG, true);
    view.setUint16(p + 8, 0, true);
    view.setUint16(p + 10, e.when.time, true);
    view.setUint16(p + 12, e.when.date, true);
    view.setUint32(p + 14, e.crc, true);
    view.setUint32(p + 18, e.data.length, true);
    view.setUint32(p + 22, e.data.length, true);
    view.setUint16(p + 26, e.name.length, true);
    view.setUint16(p + 28, 0, true);
    out.set(e.name, p + 30);
    out.set(e.data, p + 30 + e.name.length);
    p += 30 + e.name.length + e.data.length;
  }
  const centralStart = p;
  prepared.forEach((e, i) => {
    view.setUint32(p, CENTRAL_SIGNATURE, true);
    view.setUint16(p + 4, MADE_BY_UNIX, true);
    view.setUint16(p + 6, VERSION, true);
    view.setUint16(p + 8, UTF8_FLAG, true);
    view.setUint16(p + 10, 0, true);
    view.setUint16(p + 12, e.when.time, true);
    view.setUint16(p + 14, e.when.date, true);
    view.setUint32(p + 16, e.crc, true);
    view.setUint32(p + 20, e.data.length, true);
    view.setUint32(p + 24, e.data.length, true);
    view.setUint16(p + 28, e.name.length, true);
    // Extra length, comment length, disk number start, internal attributes: all zero.
    view.setUint32(p + 38, ((S_IFREG | 0o644) << 16) >>> 0, true);
    view.setUint32(p + 42, offsets[i], true);
    out.set(e.name, p + 46);
    p += 46 + e.name.length;
  });
  view.setUint32(p, END_SIGNATURE, true);
  view.setUint16(p + 8, prepared.length, true);
  view.setUint16(p + 10, prepared.length, true);
  view.setUint32(p + 12, p - centralStart, true);
  view.setUint32(p + 16, centralStart, true);
  return out;
}

export interface ReadZipOptions {
  /** Refuse archives whose entries add up to more than this many bytes. */
  readonly maxTotalBytes?: number;
  readonly maxEntries?: number;
}

export interface ReadEntry extends ZipEntry {
  readonly modified: Date;
  /** True when the entry is a folder (name ends in '/'); its data is empty. */
  readonly directory: boolean;
  /** True when the entry's Unix mode says symbolic link: callers should refuse it. */
  readonly symlink: boolean;
}

/**
 * Reads every entry of a stored-only archive, checking signatures, bounds, sizes and CRC-32.
 * Entry data are views into `bytes` (no copy). Any inconsistency throws ZipError naming the entry.
 */
export function readZip(bytes: Uint8Array, options: ReadZipOptions = {}): ReadEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  const centralStart = view.getUint32(end + 16, true);
  if (view.getUint16(end + 4, true) !== 0 || view.getUint16(end + 6, true) !== 0)
    throw new ZipError('multi-disk archives are not supported');
  if (centralStart + centralSize > end) throw new ZipError('central directory lies outside the archive');
  if (count > (options.maxEntries ?? MAX_U16)) throw new ZipError(`too many entries (${count})`);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: ReadEntry[] = [];
  let total = 0;
  let p = centralStart;
  for (let i = 0; i < count; i++) {
    need(view, p, 46, 'central directory');
    if (view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new ZipError(`bad central directory record ${i}`);
    const madeBy = view.getUint16(p + 4, true);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    const crc = view.getUint32(p + 16, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const external = view.getUint32(p + 38, true);
    const localOffset = view.getUint32(p + 42, true);
    need(view, p + 46, nameLength, 'entry name');
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    } catch {
      throw new ZipError(`entry ${i} has a name that is not UTF-8`);
    }
    p += 46 + nameLength + extraLength + commentLength;

    if (flags & 1) throw new ZipError(`'${name}' is encrypted`);
    if (method !== 0) throw new ZipError(`'${name}' is compressed (method ${method}); only stored entries are read`);
    if (compressed !== size) throw new ZipError(`'${name}' has inconsistent sizes`);
    total += size;
    if (options.maxTotalBytes !== undefined && total > options.maxTotalBytes)
      throw new ZipError(`archive contents exceed ${options.maxTotalBytes} bytes`);

    need(view, localOffset, 30, `local header of '${name}'`);
    if (view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) throw new ZipError(`bad local header for '${name}'`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    need(view, dataStart, size, `data of '${name}'`);
    if (dataStart + size > centralStart) throw new ZipError(`data of '${name}' overlaps the central directory`);
    const data = bytes.subarray(dataStart, dataStart + size);
    if (crc32(data) !== crc) throw new ZipError(`CRC-32 mismatch in '${name}': the archive is damaged`);

    const unixMode = madeBy >> 8 === 3 ? external >>> 16 : 0;
    entries.push({
      name,
      data,
      modified: fromDos(time, date),
      directory: name.endsWith('/'),
      symlink: (unixMode & S_IFMT) === S_IFLNK,
    });
  }
  return entries;
}

function findEnd(view: DataView): number {
  // The end record is 22 bytes plus a comment of up to 65,535 bytes: search backwards for its signature.
  const last = view.byteLength - 22;
  if (last < 0) throw new ZipError('not a ZIP archive (too short)');
  const first = Math.max(0, last - MAX_U16);
  for (let p = last; p >= first; p--) {
    if (view.getUint32(p, true) === END_SIGNATURE && p + 22 + view.getUint16(p + 20, true) === view.byteLength)
      return p;
  }
  throw new ZipError('not a ZIP archive (no end of central directory record)');
}

function need(view: DataView, offset: number, length: number, what: string): void {
  if (offset < 0 || offset + length > view.byteLength) throw new ZipError(`truncated archive: ${what} is cut off`);
}
