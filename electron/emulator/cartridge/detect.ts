/**
 * ALE's cartridge auto-detection (size first, then signatures; ale-facts §8) and the cart factory.
 * Schemes ALE knows but this emulator does not (AR, DPC, E7, 3E, UA, CV, FASC, MB, MC) are detected
 * so the error can name them.
 */
import type { BankScheme, Cartridge } from './cartridge';
import { Cart2K, Cart3F, Cart4K, CartBanked, CartE0, CartFE } from './schemes';

export class UnsupportedCartridgeError extends Error {
  override readonly name = 'UnsupportedCartridgeError';
}

/** ALE's type name for an image (may be a scheme this emulator lacks). */
export function detectScheme(rom: Uint8Array): string {
  const size = rom.length;
  if (size !== 0 && size % 8448 === 0) return 'AR';
  if (size === 2048 || (size === 4096 && halvesEqual(rom, 2048))) return isProbablyCV(rom) ? 'CV' : '2K';
  if (size === 4096) return isProbablyCV(rom) ? 'CV' : '4K';
  if (size === 8192) {
    if (isProbablySC(rom)) return 'F8SC';
    if (halvesEqual(rom, 4096)) return '4K';
    if (isProbablyE0(rom)) return 'E0';
    if (isProbably3E(rom)) return '3E';
    if (isProbably3F(rom)) return '3F';
    if (hits(rom, [0x8d, 0x40, 0x02], 1)) return 'UA';
    if (isProbablyFE(rom)) return 'FE';
    return 'F8';
  }
  if (size === 10240 || size === 10495 || size === 10496) return 'DPC';
  if (size === 12288) return 'FASC';
  if (size === 16384) {
    if (isProbablySC(rom)) return 'F6SC';
    if (isProbablyE7(rom)) return 'E7';
    return by3EOr3F(rom) ?? 'F6';
  }
  if (size === 32768) {
    if (isProbablySC(rom)) return 'F4SC';
    return by3EOr3F(rom) ?? 'F4';
  }
  if (size === 65536) return by3EOr3F(rom) ?? 'MB';
  if (size === 131072) return by3EOr3F(rom) ?? 'MC';
  return by3EOr3F(rom) ?? 'unrecognized';
}

/** Builds the cart ALE would build for this image; throws UnsupportedCartridgeError otherwise. */
export function createCartridge(rom: Uint8Array, scheme: string = detectScheme(rom)): Cartridge {
  switch (scheme as BankScheme) {
    case '2K':
      return new Cart2K(rom);
    case '4K':
      // A 4K scheme chosen for an 8K image with identical halves reads the first half.
      return new Cart4K(rom.length > 4096 ? rom.subarray(0, 4096) : rom);
    case 'F8':
    case 'F6':
    case 'F4':
    case 'F8SC':
    case 'F6SC':
    case 'F4SC':
      return new CartBanked(rom, scheme as 'F8');
    case 'E0':
      return new CartE0(rom);
    case 'FE':
      return new CartFE(rom);
    case '3F':
      return new Cart3F(rom);
    default:
      throw new UnsupportedCartridgeError(
        `cartridge type ${scheme} (${rom.length} bytes) is not supported; supported bank schemes: 2K, 4K, F8, F6, F4, F8SC, F6SC, F4SC, E0, FE, 3F`,
      );
  }
}

function by3EOr3F(rom: Uint8Array): string | null {
  if (isProbably3E(rom)) return '3E';
  if (isProbably3F(rom)) return '3F';
  return null;
}

function halvesEqual(rom: Uint8Array, half: number): boolean {
  for (let i = 0; i < half; i++) if (rom[i] !== rom[i + half]) return false;
  return true;
}

/** Stella's searchForBytes: counts non-overlapping matches (skipping one extra byte after each). */
function hits(rom: Uint8Array, sig: readonly number[], minHits: number): boolean {
  const n = sig.length;
  if (n > rom.length) return false;
  let count = 0;
  for (let i = 0; i < rom.length - n; i++) {
    let j = 0;
    while (j < n && rom[i + j] === sig[j]) j++;
    if (j === n) {
      count++;
      i += n;
    }
    if (count >= minHits) break;
  }
  return count >= minHits;
}

/** Superchip carts leave their RAM window (first 256 bytes of each 4K bank) filled with one value. */
function isProbablySC(rom: Uint8Array): boolean {
  for (let bank = 0; bank < rom.length >> 12; bank++) {
    const base = bank << 12;
    for (let j = 0; j < 256; j++) if (rom[base + j] !== rom[base]) return false;
  }
  return true;
}

const E0_SIGNATURES = [
  [0x8d, 0xe0, 0x1f],
  [0x8d, 0xe0, 0x5f],
  [0x8d, 0xe9, 0xff],
  [0xad, 0xe9, 0xff],
  [0xad, 0xed, 0xff],
  [0xad, 0xf3, 0xbf],
];

const FE_SIGNATURES = [
  [0x20, 0x00, 0xd0, 0xc6, 0xc5],
  [0x20, 0xc3, 0xf8, 0xa5, 0x82],
  [0xd0, 0xfb, 0x20, 0x73, 0xfe],
  [0x20, 0x00, 0xf0, 0x84, 0xd6],
];

function isProbablyE0(rom: Uint8Array): boolean {
  return E0_SIGNATURES.some((s) => hits(rom, s, 1));
}

function isProbablyFE(rom: Uint8Array): boolean {
  return FE_SIGNATURES.some((s) => hits(rom, s, 1));
}

function isProbably3F(rom: Uint8Array): boolean {
  return hits(rom, [0x85, 0x3f], 2);
}

function isProbably3E(rom: Uint8Array): boolean {
  return hits(rom, [0x85, 0x3e, 0xa9, 0x00], 1);
}

function isProbablyCV(rom: Uint8Array): boolean {
  return hits(rom, [0x9d, 0xff, 0xf3], 1) || hits(rom, [0x99, 0x00, 0xf4], 1);
}

function isProbablyE7(rom: Uint8Array): boolean {
  const first = rom[0x3800];
  for (let i = 0x3800; i < 0x3a00; i++) if (rom[i] !== first) return false;
  let differs = false;
  for (let i = 0x3800 - 32; i < 0x3800; i++) if (rom[i] !== first) differs = true;
  for (let i = 0x3a00; i < 0x3a20; i++) if (rom[i] !== first) differs = true;
  return differs;
}
