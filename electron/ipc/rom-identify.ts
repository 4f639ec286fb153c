/**
 * The studio's ROM identifier over electron/ale/roms.ts: a ROM is accepted only when its md5 is the known
 * dump of a supported game (ALE's by-file-name fallback is refused, since the game rules read RAM addresses
 * of that exact dump).
 */
import { identifyRom, SUPPORTED_GAMES } from '../ale/roms';
import { StudioFailure } from './errors';
import type { RomIdentifier } from './rom-library';

export const aleRomIdentifier: RomIdentifier = (bytes, name) => {
  let identity;
  try {
    identity = identifyRom(bytes, name);
  } catch (error) {
    throw new StudioFailure('rom-unknown', error instanceof Error ? error.message : String(error), 'bytes');
  }
  if (identity.matchedBy !== 'md5') {
    const known = SUPPORTED_GAMES.find((g) => g.id === identity.game.id)?.md5 ?? '?';
    throw new StudioFailure(
      'rom-unknown',
      `'${name ?? 'the ROM'}' is named like ${identity.game.name} but its md5 ${identity.md5} is not the known ` +
        `dump (${known}). Use the ROM file ALE ships for this game.`,
      'bytes',
    );
  }
  return { gameId: identity.game.id, title: identity.game.name };
};
