/**
 * ROM discovery and upload. ROMs are recognised by content (md5), never by file name, so a renamed or
 * unknown file is either identified correctly or refused with a message that says why.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { RomInfo } from '../../shared/ipc/contract';
import { StudioFailure } from './errors';

export interface RomDir {
  readonly dir: string;
  /** 'env' (ALE_ROMS_DIR), 'app', 'ale-py', 'upload', 'path'. */
  readonly source: string;
}

export interface RomIdentity {
  readonly gameId: string;
  readonly title: string;
}

/**
 * Maps ROM bytes to a supported game; throws (a StudioFailure explaining why) or returns null when the ROM
 * is not one the studio knows. `name` is the file name, for messages.
 */
export type RomIdentifier = (bytes: Uint8Array, name?: string) => RomIdentity | null;

/** Atari 2600 carts are at most 64 KB (bank-switched); anything far larger is not a ROM. */
export const MAX_ROM_BYTES = 512 * 1024;
const ROM_EXTENSIONS = new Set(['.bin', '.a26', '.rom']);

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

interface CacheEntry {
  readonly key: string;
  readonly info: RomInfo | null;
}

export class RomLibrary {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly dirs: () => Promise<readonly RomDir[]>,
    private readonly identify: RomIdentifier,
    /** Where uploads are copied (created on first upload). */
    private readonly uploadDir: string | undefined,
  ) {}

  /** Every identified ROM, one per game (the first folder in search order wins), sorted by title. */
  async list(): Promise<RomInfo[]> {
    const byGame = new Map<string, RomInfo>();
    const dirs = [...(await this.dirs())];
    // Uploads land in the app's ROM folder: once stored they are listed as 'app' ROMs.
    if (this.uploadDir) dirs.push({ dir: this.uploadDir, source: 'app' });
    for (const { dir, source } of dirs) {
      for (const info of await this.scan(dir, source)) if (!byGame.has(info.gameId)) byGame.set(info.gameId, info);
    }
    return [...byGame.values()].sort((a, b) => a.title.localeCompare(b.title));
  }

  async find(gameId: string): Promise<RomInfo | null> {
    return (await this.list()).find((r) => r.gameId === gameId) ?? null;
  }

  async bytes(gameId: string): Promise<Uint8Array> {
    const rom = await this.find(gameId);
    if (!rom?.path) throw new StudioFailure('rom-not-found', `No ROM for '${gameId}' was found.`, 'gameId');
    return new Uint8Array(await readFile(rom.path));
  }

  /** Identifies uploaded bytes and stores them as <gameId>.bin in the upload folder (atomically). */
  async add(name: string, bytes: Uint8Array): Promise<RomInfo> {
    if (bytes.length === 0) throw new StudioFailure('rom-invalid', `'${name}' is empty.`, 'bytes');
    if (bytes.length > MAX_ROM_BYTES) {
      throw new StudioFailure('rom-invalid', `'${name}' is ${bytes.length} bytes: too large for an Atari 2600 ROM.`);
    }
    const md5 = md5Hex(bytes);
    const identity = this.identify(bytes, name);
    if (!identity) {
      throw new StudioFailure(
        'rom-unknown',
        `'${name}' (md5 ${md5}) is not a ROM the studio supports. Use the exact ROM files ALE ships for the supported games.`,
      );
    }
    if (!this.uploadDir) throw new StudioFailure('unsupported', 'This shell cannot store ROMs.');
    await mkdir(this.uploadDir, { recursive: true });
    const target = join(this.uploadDir, `${identity.gameId}.bin`);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, target);
    return { ...identity, md5, source: 'upload', path: target };
  }

  private async scan(dir: string, source: string): Promise<RomInfo[]> {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return []; // A missing folder is normal (e.g. no ALE_ROMS_DIR).
    }
    const out: RomInfo[] = [];
    for (const name of names.sort()) {
      if (!ROM_EXTENSIONS.has(extname(name).toLowerCase())) continue;
      const info = await this.identifyFile(join(dir, name), source);
      if (info) out.push(info);
    }
    return out;
  }

  private async identifyFile(path: string, source: string): Promise<RomInfo | null> {
    try {
      const st = await stat(path);
      if (!st.isFile() || st.size > MAX_ROM_BYTES) return null;
      const key = `${st.size}:${st.mtimeMs}:${source}`;
      const cached = this.cache.get(path);
      if (cached?.key === key) return cached.info;
      const bytes = new Uint8Array(await readFile(path));
      const md5 = md5Hex(bytes);
      let identity: RomIdentity | null = null;
      try {
        identity = this.identify(bytes);
      } catch {
        // Not a supported ROM: folders may hold other games; they are simply not listed.
      }
      const info = identity ? { ...identity, md5, source, path } : null;
      this.cache.set(path, { key, info });
      return info;
    } catch {
      return null;
    }
  }
}
