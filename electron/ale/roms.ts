/**
 * ROM identification as ALE's buildRomRLWrapper does it: by cart md5, else by file-name stem (with a
 * warning when the md5 differs). Unknown or broken images get an error naming the supported games.
 */
import { detectScheme } from '../emulator/cartridge/detect';
import { BANK_SCHEMES } from '../emulator/cartridge/cartridge';
import type { GameRules } from './games/game';
import { GAMES } from './games/index';
import { md5Hex } from './md5';

export interface SupportedGame {
  readonly id: string;
  readonly name: string;
  readonly md5: string;
}

export const SUPPORTED_GAMES: readonly SupportedGame[] = GAMES.map(({ id, name, md5 }) => ({ id, name, md5 }));

export interface RomIdentity {
  readonly game: GameRules;
  readonly md5: string;
  /** 'md5' when the image is the known dump; 'file-name' when only the name matched. */
  readonly matchedBy: 'md5' | 'file-name';
  /** Set when the file name matched but the md5 did not. */
  readonly warning?: string;
}

export class RomError extends Error {
  override readonly name = 'RomError';
}

const SUPPORTED_LIST = (): string => GAMES.map((g) => g.id).join(', ');

/** The lower-cased file-name stem ALE compares with game ids ('/x/Space_Invaders.bin' -> 'space_invaders'). */
export function romStem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).toLowerCase();
}

export function identifyRom(bytes: Uint8Array, fileName?: string): RomIdentity {
  const label = fileName ? `'${fileName}'` : 'the ROM';
  if (bytes.length === 0) throw new RomError(`${label} is empty: not an Atari 2600 ROM`);
  const scheme = detectScheme(bytes);
  if (!(BANK_SCHEMES as readonly string[]).includes(scheme)) {
    throw new RomError(
      `${label} (${bytes.length} bytes) is not a supported Atari 2600 ROM (cartridge type ${scheme}). ` +
        `Supported games: ${SUPPORTED_LIST()}`,
    );
  }
  const md5 = md5Hex(bytes);
  const byMd5 = GAMES.find((g) => g.md5 === md5);
  if (byMd5) return { game: byMd5, md5, matchedBy: 'md5' };
  const stem = fileName ? romStem(fileName) : undefined;
  const byName = stem ? GAMES.find((g) => g.id === stem) : undefined;
  if (byName) {
    return {
      game: byName,
      md5,
      matchedBy: 'file-name',
      warning: `ROM md5 ${md5} differs from ${byName.id}'s (${byName.md5}); using ${byName.name} rules by file name`,
    };
  }
  throw new RomError(
    `${label} (md5 ${md5}) is not a supported game. Supported games: ${SUPPORTED_LIST()} ` +
      `(matched by md5, or by a file named <game>.bin)`,
  );
}
