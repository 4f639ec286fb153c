/**
 * Pixel composition and collision latching for one span (a stretch of one line drawn with unchanged
 * registers), exact to Stella's updateFrameScanline.
 *
 * Speed: the playfield and background are filled in one pass; then only the pixels inside the runs
 * where a movable object's mask is set go through the per-pixel priority encoder (a pixel under two
 * objects is simply evaluated twice: the result and the collision latch are the same). Collisions can
 * only happen on those pixels, so the no-render path visits nothing else, and only when the cached
 * object geometry ("cover", rebuilt when an object moves or changes size) allows an unlatched one.
 */
import type { TiaObjects } from './objects';
import { storeOverrun } from './overrun';
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

/** For each 320-entry mask block, its non-zero runs in the pattern as [start, length, start, length…]. */
function patternRuns(table: Uint8Array): Int16Array[] {
  const out: Int16Array[] = [];
  for (let base = 0; base < table.length; base += SPAN) {
    const runs: number[] = [];
    for (let x = 0; x < 160; x++) {
      if (table[base + x] === 0) continue;
      let end = x;
      while (end < 160 && table[base + end] !== 0) end++;
      runs.push(x, end - x);
      x = end;
    }
    out.push(Int16Array.from(runs));
  }
  return out;
}

const PLAYER_PIXELS = patternPixels(PLAYER_MASKS);
const MISSILE_PIXELS = patternPixels(MISSILE_MASKS);
const BALL_PIXELS = patternPixels(BALL_MASKS);
const PLAYER_RUNS = patternRuns(PLAYER_MASKS);
const MISSILE_RUNS = patternRuns(MISSILE_MASKS);
const BALL_RUNS = patternRuns(BALL_MASKS);

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
        fillRun(buf, start, count, o.colours[0]);
      }
    }
    if (render && objects !== 0) storeOverrun(o, buf, start, hpos, count);
    if ((objects & ~PF_BIT) === 0) return;
    const unlatched = COLLISIONS[objects] & ~o.collision;
    if (render) {
      this.composite(o, buf, start, hpos, count, true, unlatched !== 0);
    } else if (unlatched !== 0) {
      // Without rendering, only a collision the object geometry allows needs the pixel pass.
      this.refreshCover(o);
      if ((unlatched & this.pairs) !== 0) this.composite(o, buf, start, hpos, count, false, true);
    }
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

  /** The exact per-pixel pass over each enabled object's mask runs inside the span. */
  private composite(
    o: TiaObjects,
    buf: Uint8Array,
    start: number,
    hpos: number,
    count: number,
    render: boolean,
    collide: boolean,
  ): void {
    const objects = o.enabled;
    const base = start - hpos;
    const end = hpos + count;
    if (objects & P0_BIT) this.runs(o, buf, base, hpos, end, render, collide, PLAYER_RUNS, o.p0Off);
    if (objects & P1_BIT) this.runs(o, buf, base, hpos, end, render, collide, PLAYER_RUNS, o.p1Off);
    if (objects & M0_BIT) this.runs(o, buf, base, hpos, end, render, collide, MISSILE_RUNS, o.m0Off);
    if (objects & M1_BIT) this.runs(o, buf, base, hpos, end, render, collide, MISSILE_RUNS, o.m1Off);
    if (objects & BL_BIT) this.runs(o, buf, base, hpos, end, render, collide, BALL_RUNS, o.blOff);
  }

  private runs(
    o: TiaObjects,
    buf: Uint8Array,
    base: number,
    hpos: number,
    end: number,
    render: boolean,
    collide: boolean,
    table: Int16Array[],
    off: number,
  ): void {
    const block = ((off - 1) / SPAN) | 0;
    const pos = 160 - (off - block * SPAN);
    const runs = table[block];
    for (let i = 0; i < runs.length; i += 2) {
      let a = runs[i] + pos;
      if (a >= 160) a -= 160;
      const b = a + runs[i + 1];
      const to = b < end ? b : end;
      for (let x = a > hpos ? a : hpos; x < to; x++) this.pixel(o, buf, base, x, render, collide);
      if (b > 160) {
        // The run wraps past the right edge and continues at pixel 0.
        const wrapTo = b - 160 < end ? b - 160 : end;
        for (let x = hpos; x < wrapTo; x++) this.pixel(o, buf, base, x, render, collide);
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
