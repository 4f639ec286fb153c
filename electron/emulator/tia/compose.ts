/**
 * Pixel composition and collision latching for one span (a stretch of one line drawn with unchanged
 * registers), exact to Stella's updateFrameScanline.
 *
 * Speed: the playfield and background are filled in one pass; only the few pixels that some movable
 * object's mask covers ("cover" pixels, cached until an object moves or changes size) go through the
 * per-pixel priority encoder. Those are also the only pixels where a collision can happen, so the
 * no-render path visits nothing else — and nothing at all once every possible collision is latched.
 */
import type { TiaObjects } from './objects';
import * as tables from './tables';

const { PF_BIT, BL_BIT, P0_BIT, P1_BIT, M0_BIT, M1_BIT, SCORE_BIT, PRIORITY_BIT } = tables;
const BALL_MASKS = tables.BALL_MASKS;
const COLLISIONS = tables.COLLISIONS;
const MISSILE_MASKS = tables.MISSILE_MASKS;
const PLAYER_MASKS = tables.PLAYER_MASKS;
const PLAYFIELD_MASKS = tables.PLAYFIELD_MASKS;
const PRIORITY = tables.PRIORITY;
const SPAN = 320;

/** For each 320-entry mask block, the pattern pixels (0–159) whose mask is non-zero. */
function patternPixels(table: Uint8Array): Int16Array[] {
  const out: Int16Array[] = [];
  for (let base = 0; base < table.length; base += SPAN) {
    const xs: number[] = [];
    for (let x = 0; x < 160; x++) if (table[base + x] !== 0) xs.push(x);
    out.push(Int16Array.from(xs));
  }
  return out;
}

const PLAYER_PIXELS = patternPixels(PLAYER_MASKS);
const MISSILE_PIXELS = patternPixels(MISSILE_MASKS);
const BALL_PIXELS = patternPixels(BALL_MASKS);

export class Compositor {
  /** Pixels (0–159) some enabled movable object may draw, for the cached object state. */
  private readonly cover = new Int16Array(160);
  private coverCount = 0;
  /** Per pixel: the object bits whose masks may be set there (0 off the cover). */
  private readonly bits = new Uint8Array(160);
  /** Collision latches the cached geometry can produce anywhere (playfield assumed everywhere). */
  private pairs = 0;
  // Cache key: the object state `cover` was built for.
  private keyObjects = -1;
  private keyP0 = -1;
  private keyP1 = -1;
  private keyM0 = -1;
  private keyM1 = -1;
  private keyBL = -1;

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
        fillRun(buf, buf32, start, count, o.colours[0]);
      }
    }
    if ((objects & ~PF_BIT) === 0) return;
    // Without rendering, only a not-yet-latched collision between enabled objects needs a look.
    const unlatched = COLLISIONS[objects] & ~o.collision;
    if (!render && unlatched === 0) return;
    this.refreshCover(o);
    const collide = (unlatched & this.pairs) !== 0;
    if (render || collide) this.composite(o, buf, start, hpos, count, render, collide);
  }

  private refreshCover(o: TiaObjects): void {
    const objects = o.enabled & ~PF_BIT;
    if (
      objects === this.keyObjects &&
      o.p0Off === this.keyP0 &&
      o.p1Off === this.keyP1 &&
      o.m0Off === this.keyM0 &&
      o.m1Off === this.keyM1 &&
      o.blOff === this.keyBL
    ) {
      return;
    }
    this.keyObjects = objects;
    this.keyP0 = o.p0Off;
    this.keyP1 = o.p1Off;
    this.keyM0 = o.m0Off;
    this.keyM1 = o.m1Off;
    this.keyBL = o.blOff;
    const bits = this.bits;
    const cover = this.cover;
    for (let i = 0; i < this.coverCount; i++) bits[cover[i]] = 0;
    this.coverCount = 0;
    if (objects & P0_BIT) this.addCover(PLAYER_PIXELS, o.p0Off, P0_BIT);
    if (objects & P1_BIT) this.addCover(PLAYER_PIXELS, o.p1Off, P1_BIT);
    if (objects & M0_BIT) this.addCover(MISSILE_PIXELS, o.m0Off, M0_BIT);
    if (objects & M1_BIT) this.addCover(MISSILE_PIXELS, o.m1Off, M1_BIT);
    if (objects & BL_BIT) this.addCover(BALL_PIXELS, o.blOff, BL_BIT);
    let pairs = 0;
    for (let i = 0; i < this.coverCount; i++) pairs |= COLLISIONS[bits[cover[i]] | PF_BIT];
    this.pairs = pairs;
  }

  /** Adds the pixels of the object whose mask offset is `off` (block * 320 + 160 − position). */
  private addCover(pixels: Int16Array[], off: number, bit: number): void {
    const block = ((off - 1) / SPAN) | 0;
    const pos = 160 - (off - block * SPAN);
    const xs = pixels[block];
    const bits = this.bits;
    for (let i = 0; i < xs.length; i++) {
      let x = xs[i] + pos;
      if (x >= 160) x -= 160;
      if (bits[x] === 0) this.cover[this.coverCount++] = x;
      bits[x] |= bit;
    }
  }

  /** The exact per-pixel pass over the cover pixels inside the span. */
  private composite(
    o: TiaObjects,
    buf: Uint8Array,
    start: number,
    hpos: number,
    count: number,
    render: boolean,
    collide: boolean,
  ): void {
    const end = hpos + count;
    const cover = this.cover;
    const n = this.coverCount;
    if (count < n) {
      // Short span: walk its pixels and skip those no object covers.
      const bits = this.bits;
      for (let x = hpos; x < end; x++) if (bits[x] !== 0) this.pixel(o, buf, start - hpos, x, render, collide);
    } else {
      for (let i = 0; i < n; i++) {
        const x = cover[i];
        if (x >= hpos && x < end) this.pixel(o, buf, start - hpos, x, render, collide);
      }
    }
  }

  private pixel(o: TiaObjects, buf: Uint8Array, base: number, x: number, render: boolean, collide: boolean): void {
    const objects = o.enabled;
    let e = objects & PF_BIT && (o.pf & PLAYFIELD_MASKS[o.pfOff + x]) !== 0 ? PF_BIT : 0;
    if (objects & BL_BIT && BALL_MASKS[o.blOff + x] !== 0) e |= BL_BIT;
    if ((o.curGrp1 & PLAYER_MASKS[o.p1Off + x]) !== 0) e |= P1_BIT;
    if (objects & M1_BIT && MISSILE_MASKS[o.m1Off + x] !== 0) e |= M1_BIT;
    if ((o.curGrp0 & PLAYER_MASKS[o.p0Off + x]) !== 0) e |= P0_BIT;
    if (objects & M0_BIT && MISSILE_MASKS[o.m0Off + x] !== 0) e |= M0_BIT;
    if (collide) o.collision |= COLLISIONS[e];
    if (render && e > PF_BIT) buf[base + x] = o.colours[PRIORITY[(x < 80 ? 0 : 256) | o.prioScore | e]];
  }
}

/** `count` pixels of one colour, four at a time where aligned. */
function fillRun(buf: Uint8Array, buf32: Uint32Array, start: number, count: number, colour: number): void {
  let p = start;
  const end = start + count;
  while (p < end && p & 3) buf[p++] = colour;
  const word = colour * 0x01010101;
  while (p + 4 <= end) {
    buf32[p >> 2] = word;
    p += 4;
  }
  while (p < end) buf[p++] = colour;
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
  const bk32 = bk * 0x01010101;
  const left32 = left * 0x01010101;
  const right32 = right * 0x01010101;
  for (; x + 4 <= end; x += 4) {
    buf32[p >> 2] = (pf & PLAYFIELD_MASKS[off + x]) !== 0 ? (x < 80 ? left32 : right32) : bk32;
    p += 4;
  }
  for (; x < end; x++) buf[p++] = (pf & PLAYFIELD_MASKS[off + x]) !== 0 ? (x < 80 ? left : right) : bk;
}
