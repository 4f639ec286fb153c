/**
 * Pixel composition and collision latching for one span (a stretch of one line drawn with unchanged
 * registers), exact to Stella's updateFrameScanline.
 *
 * Speed: the playfield and background are filled in one pass; the movable objects then work on
 * 160-bit line masks (line-masks.ts). A span's collisions are the pairs of masks that overlap inside
 * it (word ANDs, only while some pair is unlatched), and its object pixels are drawn as runs of bits
 * of one priority class (P0, P1 or playfield colour) per 32-pixel word.
 */
import * as lineMasks from './line-masks';
import type { TiaObjects } from './objects';
import * as overrun from './overrun';
import * as tables from './tables';

const { PF_BIT, SCORE_BIT, PRIORITY_BIT } = tables;
// Module-level aliases: calls through an import binding can cost a getter call per use under tsx.
const { BL_WORDS, M0_WORDS, M1_WORDS, P0_WORDS, P1_WORDS, PF_WORDS, LineMasks } = lineMasks;
const maskCollisions = lineMasks.maskCollisions;
const spanBits = lineMasks.spanBits;
const storeOverrun = overrun.storeOverrun;
const COLLISIONS = tables.COLLISIONS;
const PLAYFIELD_MASKS = tables.PLAYFIELD_MASKS;

/** Pixels 0–79 (the left half, where score mode uses COLUP0) of each 32-pixel word. */
const LEFT_HALF = Int32Array.of(-1, -1, 0xffff, 0, 0);

export class Compositor {
  private readonly masks = new LineMasks();

  /** Draws (when `render`) and collision-checks `count` pixels from `hpos` into `buf` at `start`. */
  span(
    o: TiaObjects,
    buf: Uint8Array,
    buf32: Uint32Array,
    start: number,
    hpos: number,
    count: number,
    render: boolean,
  ): void {
    const objects = o.enabled;
    if (render) {
      if (objects & PF_BIT) {
        // PF as the only object keeps score colours even with priority (Stella's special case).
        const scoreColours = (o.prioScore & SCORE_BIT) !== 0 && (objects === PF_BIT || !(o.prioScore & PRIORITY_BIT));
        fillPlayfield(o, buf, buf32, start, hpos, count, scoreColours);
      } else {
        fillRun(buf, start, count, o.colours[0]);
      }
      if (objects !== 0) storeOverrun(o, buf, start, hpos, count);
    }
    if ((objects & ~PF_BIT) === 0) return;
    const masks = this.masks;
    // Exact overlaps only while the geometry allows a latch that is not set yet.
    let unlatched = COLLISIONS[objects] & ~o.collision;
    if (unlatched !== 0) unlatched &= masks.reachablePairs(o);
    if (!render && unlatched === 0) return;
    masks.update(o);
    if (unlatched !== 0) o.collision |= maskCollisions(masks.words, hpos, hpos + count);
    if (render) draw(o, masks.words, buf, start - hpos, hpos, hpos + count);
  }
}

/**
 * Stores every pixel of [from, to) where a movable object is on, in the colour the priority encoder
 * (tables.PRIORITY) gives it, worked out for 32 pixels at a time as three disjoint class masks.
 */
function draw(o: TiaObjects, w: Int32Array, buf: Uint8Array, base: number, from: number, to: number): void {
  const colours = o.colours;
  const priority = (o.prioScore & PRIORITY_BIT) !== 0;
  const score = !priority && (o.prioScore & SCORE_BIT) !== 0;
  const last = (to - 1) >> 5;
  for (let j = from >> 5; j <= last; j++) {
    const bits = spanBits(j, from, to);
    const p0 = (w[P0_WORDS + j] | w[M0_WORDS + j]) & bits;
    const p1 = (w[P1_WORDS + j] | w[M1_WORDS + j]) & bits;
    const bl = w[BL_WORDS + j] & bits;
    const on = p0 | p1 | bl;
    if (on === 0) continue;
    const pf = w[PF_WORDS + j] & on;
    let c0: number;
    let c1: number;
    let cpf: number;
    if (priority) {
      // Playfield and ball over P0/M0 over P1/M1.
      cpf = bl | pf;
      c0 = p0 & ~cpf;
      c1 = p1 & ~cpf & ~p0;
    } else if (score) {
      // The playfield takes its half's player colour; on the left half it then wins over P1.
      const left = LEFT_HALF[j];
      c0 = p0 | (pf & left);
      c1 = (p1 | (pf & ~left)) & ~c0;
      cpf = bl & ~c0 & ~c1;
    } else {
      // P0/M0 over P1/M1 over playfield and ball.
      c0 = p0;
      c1 = p1 & ~p0;
      cpf = (bl | pf) & ~p0 & ~p1;
    }
    const at = base + (j << 5);
    if (c0 !== 0) fillBits(buf, at, c0, colours[2]);
    if (c1 !== 0) fillBits(buf, at, c1, colours[3]);
    if (cpf !== 0) fillBits(buf, at, cpf, colours[1]);
  }
}

/** Stores `colour` at buf[at + b] for every set bit b of `m`, run by run. */
function fillBits(buf: Uint8Array, at: number, m: number, colour: number): void {
  while (m !== 0) {
    const s = 31 - Math.clz32(m & -m);
    // The run of ones from bit s ends at the lowest zero above it.
    const rest = ~(m >>> s);
    const e = rest === 0 ? 32 : s + 31 - Math.clz32(rest & -rest);
    for (let x = at + s; x < at + e; x++) buf[x] = colour;
    m = e >= 32 ? 0 : m & -(1 << e);
  }
}

/** `count` pixels of one colour (long runs through the native fill). */
function fillRun(buf: Uint8Array, start: number, count: number, colour: number): void {
  if (count >= 16) {
    buf.fill(colour, start, start + count);
    return;
  }
  for (let p = start; p < start + count; p++) buf[p] = colour;
}

/**
 * Background and playfield; `scoreColours`: PF pixels take COLUP0 (left half) / COLUP1 (right).
 * Playfield bits cover aligned 4-pixel blocks, so whole blocks are stored as one 32-bit word.
 */
function fillPlayfield(
  o: TiaObjects,
  buf: Uint8Array,
  buf32: Uint32Array,
  start: number,
  hpos: number,
  count: number,
  scoreColours: boolean,
): void {
  const pf = o.pf;
  const off = o.pfOff;
  const c = o.colours;
  const bk = c[0];
  const left = scoreColours ? c[2] : c[1];
  const right = scoreColours ? c[3] : c[1];
  let p = start;
  let x = hpos;
  const end = hpos + count;
  for (; x < end && x & 3; x++) buf[p++] = (pf & PLAYFIELD_MASKS[off + x]) !== 0 ? (x < 80 ? left : right) : bk;
  // Four equal bytes as an int32 (Math.imul keeps the store on the integer path).
  const bk32 = Math.imul(bk, 0x01010101);
  const left32 = Math.imul(left, 0x01010101);
  const right32 = Math.imul(right, 0x01010101);
  for (; x + 4 <= end; x += 4) {
    buf32[p >> 2] = (pf & PLAYFIELD_MASKS[off + x]) !== 0 ? (x < 80 ? left32 : right32) : bk32;
    p += 4;
  }
  for (; x < end; x++) buf[p++] = (pf & PLAYFIELD_MASKS[off + x]) !== 0 ? (x < 80 ? left : right) : bk;
}
