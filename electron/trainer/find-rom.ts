/** Finds a game's ROM for the CLI: an explicit path, else `<game>.bin` in $ALE_ROMS_DIR or ../shared/roms. */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { LoadedRom } from './deps';

export async function findRom(gameId: string, explicit?: string): Promise<LoadedRom> {
  const candidates = explicit
    ? [explicit]
    : [process.env.ALE_ROMS_DIR, resolve('../shared/roms')]
        .filter((d): d is string => !!d)
        .map((d) => join(d, `${gameId}.bin`));
  for (const path of candidates) {
    try {
      return { bytes: new Uint8Array(await readFile(path)), fileName: basename(path) };
    } catch {
      // try the next place
    }
  }
  throw new Error(`cannot find the ${gameId} ROM (looked at ${candidates.join(', ')}); pass --rom`);
}
