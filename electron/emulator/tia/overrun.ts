/**
 * Stella's word-store overrun. Stella's span renderer stores four pixels at a time where the pixels
 * are aligned and no movable object's mask is set, and it does not stop at the span's end: the last
 * aligned word may run up to three pixels past it. The next span redraws those pixels, so the overrun
 * only shows where drawing stops mid-line inside the display window (a frame that ends there, or a
 * partial frame) — and ALE's screen then keeps it. This reproduces exactly those stores.
 */
import type { TiaObjects } from './objects';
import * as tables from './tables';

const { PF_BIT, BL_BIT, P0_BIT, P1_BIT, M0_BIT, M1_BIT, SCORE_BIT, PRIORITY_BIT } = tables;
const BALL_MASKS = tables.BALL_MASKS;
const MISSILE_MASKS = tables.MISSILE_MASKS;
const PLAYER_MASKS = tables.PLAYER_MASKS;
const PLAYFIELD_MASKS = tables.PLAYFIELD_MASKS;

const NONE = 0;
const PLAYFIELD = 1;
const OBJECTS = 2;
const OBJECTS_ON_PLAYFIELD = 3;

/** Which of Stella's span cases handles (object bits | score | priority), by how it stores words. */
const CASES = (() => {
  const t = new Uint8Array(256);
  const modes = [0, SCORE_BIT, PRIORITY_BIT, SCORE_BIT | PRIORITY_BIT];
  const objectCases = [P0_BIT, P1_BIT, P0_BIT | P1_BIT, M0_BIT, M1_BIT, BL_BIT, M0_BIT | M1_BIT];
  objectCases.push(BL_BIT | M0_BIT, BL_BIT | M1_BIT, BL_BIT | P1_BIT);
  for (const m of modes) {
    t[PF_BIT | m] = PLAYFIELD;
    for (const objects of objectCases) t[objects | m] = OBJECTS;
  }
  // These three have no score-mode cases in Stella (score mode goes to its per-pixel default).
  for (const m of [0, PRIORITY_BIT]) {
    for (const objects of [P0_BIT, P1_BIT, BL_BIT]) t[PF_BIT | objects | m] = OBJECTS_ON_PLAYFIELD;
  }
  return t;
})();

function masksClear(table: Uint8Array, index: number): boolean {
  return (table[index] | table[index + 1] | table[index + 2] | table[index + 3]) === 0;
}

/** After a rendered span of `count` pixels from `hpos` stored at `start`: Stella's overrun stores. */
export function storeOverrun(o: TiaObjects, buf: Uint8Array, start: number, hpos: number, count: number): void {
  const end = start + count;
  const word = end & ~3;
  if (word === end || word < start) return;
  const objects = o.enabled;
  const kind = CASES[objects | o.prioScore];
  if (kind === NONE) return;
  const x = hpos + (word - start);
  let colour = o.colours[0];
  const pfOn = (o.pf & PLAYFIELD_MASKS[o.pfOff + x]) !== 0;
  if (kind === PLAYFIELD) {
    if (pfOn) colour = o.prioScore & SCORE_BIT ? o.colours[x < 80 ? 2 : 3] : o.colours[1];
  } else {
    if (objects & P0_BIT && !masksClear(PLAYER_MASKS, o.p0Off + x)) return;
    if (objects & P1_BIT && !masksClear(PLAYER_MASKS, o.p1Off + x)) return;
    if (objects & M0_BIT && !masksClear(MISSILE_MASKS, o.m0Off + x)) return;
    if (objects & M1_BIT && !masksClear(MISSILE_MASKS, o.m1Off + x)) return;
    if (objects & BL_BIT && !masksClear(BALL_MASKS, o.blOff + x)) return;
    if (kind === OBJECTS_ON_PLAYFIELD && pfOn) colour = o.colours[1];
  }
  buf.fill(colour, end, word + 4);
}
