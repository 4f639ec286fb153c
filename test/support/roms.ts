import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The ROM folder for tests: ALE_ROMS_DIR, else ../shared/roms beside the checkout; null when absent. */
export function romsDir(): string | null {
  const candidates = [process.env.ALE_ROMS_DIR, resolve(here, '../../../shared/roms')].filter(Boolean) as string[];
  return candidates.find((d) => existsSync(d)) ?? null;
}

/** Path of a game's ROM (e.g. 'space_invaders'), or null when it is not available. */
export function romPath(gameId: string): string | null {
  const dir = romsDir();
  if (!dir) return null;
  const p = join(dir, `${gameId}.bin`);
  return existsSync(p) ? p : null;
}

/** The ALE reference folder (../shared/ale-reference), or null when absent. */
export function aleReferenceDir(): string | null {
  const candidates = [process.env.ALE_REFERENCE_DIR, resolve(here, '../../../shared/ale-reference')].filter(
    Boolean,
  ) as string[];
  return candidates.find((d) => existsSync(d)) ?? null;
}

export const MISSING_ROMS =
  'ROMs not found: set ALE_ROMS_DIR or place them in ../shared/roms (see README, "ROMs"). Skipping.';
export const MISSING_REFERENCE = 'ALE reference traces not found in ../shared/ale-reference. Skipping.';
