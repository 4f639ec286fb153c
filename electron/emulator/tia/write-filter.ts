/**
 * Which TIA writes change what the beam reads while drawing. A write that changes nothing needs no
 * catch-up before it: the next catch-up draws the same span (split or not, the pixels and collision
 * latches come out the same), and most writes in real kernels are of this kind (GRP values that
 * repeat, WSYNC, HMCLR, unchanged playfield bytes…).
 */
import type { TiaObjects } from './objects';

/** How a register write relates to drawing . */
const ALWAYS = 0;
/** Never read while drawing: WSYNC, RSYNC, audio, HMxx, HMCLR, unused addresses. */
const QUIET = 1;
const COLOUR = 2;
const PLAYFIELD = 3;
/** REFPx, GRPx, ENAxx, VDELxx, RESMPx: drawing reads only what they derive (TiaObjects.changesGraphics). */
const GRAPHICS = 4;

const WRITE_KINDS = (() => {
  const t = new Uint8Array(64).fill(QUIET);
  // VSYNC, VBLANK, NUSIZx, CTRLPF, RESxx, HMOVE and CXCLR always draw up to the write first.
  for (const a of [0x00, 0x01, 0x04, 0x05, 0x0a, 0x10, 0x11, 0x12, 0x13, 0x14, 0x2a, 0x2c]) t[a] = ALWAYS;
  for (const a of [0x06, 0x07, 0x08, 0x09]) t[a] = COLOUR;
  for (const a of [0x0d, 0x0e, 0x0f]) t[a] = PLAYFIELD;
  for (const a of [0x0b, 0x0c, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x25, 0x26, 0x27, 0x28, 0x29]) t[a] = GRAPHICS;
  return t;
})();

/** Whether a write of `reg` changes nothing drawing reads, whatever its value (WRITE_KINDS). */
export function isQuiet(reg: number): boolean {
  return WRITE_KINDS[reg] === QUIET;
}

/** Whether a write of `reg` always draws up to it first (VSYNC, VBLANK, NUSIZx, CTRLPF, RESxx, HMOVE, CXCLR). */
export function alwaysDraws(reg: number): boolean {
  return WRITE_KINDS[reg] === ALWAYS;
}

/** COLUP0, COLUP1, COLUPF, COLUBK (0x06–0x09) → slots of `colours` (BK, PF, P0, P1). */
export const COLOUR_SLOT = [2, 3, 1, 0];

/** The 20-bit playfield after writing `value` to PF0 (0x0D), PF1 (0x0E) or PF2 (0x0F). */
export function playfieldValue(pf: number, reg: number, value: number): number {
  if (reg === 0x0d) return (pf & 0xffff0) | ((value >> 4) & 0x0f);
  if (reg === 0x0e) return (pf & 0xff00f) | (value << 4);
  return (pf & 0x00fff) | (value << 12);
}

/**
 * Whether writing `value` to `reg` changes anything drawing reads. `colour` is the value a colour
 * register would take; colours are not read at all while `render` is off (only collisions are).
 */
export function changesPicture(o: TiaObjects, reg: number, value: number, render: boolean, colour: number): boolean {
  switch (WRITE_KINDS[reg]) {
    case QUIET:
      return false;
    case COLOUR:
      return render && colour !== o.colours[COLOUR_SLOT[reg - 6]];
    case PLAYFIELD:
      return playfieldValue(o.pf, reg, value) !== o.pf;
    case GRAPHICS:
      return o.changesGraphics(reg, value);
    default:
      return true;
  }
}
