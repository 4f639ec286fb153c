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
  private readonly mark = new Uint32Array(160);
  private serial = 0;
  // Cache key: the object state `cover` was built for.
  private keyObjects = -1;
  private keyP0 = -1;
  private keyP1 = -1;
  private keyM0 = -1;
  private keyM1 = -1;
  private keyBL = -1;

  /** Draws (when `render`) and collision-checks `count` pixels from `hpos` into `buf` at `start`. */
  span(o: TiaObjects, buf: Uint8Array, start: number, hpos: number, count: number, render: boolean): void {
    const objects = o.enabled;
    const collide = (COLLISIONS[objects] & ~o.collision) !== 0;
    if (render) {
      if (objects & PF_BIT) {
        // PF as the only object keeps score colours even with priority (Stella's special case).
        const scoreColours = (o.prioScore & SCORE_BIT) !== 0 && (objects === PF_BIT || !(o.prioScore & PRIORITY_BIT));
        fillPlayfield(o, buf, start, hpos, count, scoreColours);
      } else {
        buf.fill(o.colours[0], start, start + count);
      }
    }
    if ((objects & ~PF_BIT) === 0 || (!render && !collide)) return;
    this.refreshCover(o);
    this.composite(o, buf, start, hpos, count, render, collide);
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
    this.serial = (this.serial + 1) >>> 0;
    this.coverCount = 0;
    if (objects & P0_BIT) this.addCover(PLAYER_PIXELS, o.p0Off);
    if (objects & P1_BIT) this.addCover(PLAYER_PIXELS, o.p1Off);
    if (objects & M0_BIT) this.addCover(MISSILE_PIXELS, o.m0Off);
    if (objects & M1_BIT) this.addCover(MISSILE_PIXELS, o.m1Off);
    if (objects & BL_BIT) this.addCover(BALL_PIXELS, o.blOff);
  }

  /** Adds the pixels of the object whose mask offset is `off` (block * 320 + 160 − position). */
  private addCover(pixels: Int16Array[], off: number): void {
    const block = ((off - 1) / SPAN) | 0;
    const pos = 160 - (off - block * SPAN);
    const xs = pixels[block];
    const mark = this.mark;
    const serial = this.serial;
    for (let i = 0; i < xs.length; i++) {
      let x = xs[i] + pos;
      if (x >= 160) x -= 160;
      if (mark[x] !== serial) {
        mark[x] = serial;
        this.cover[this.coverCount++] = x;
      }
    }
  }

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
    const pf = objects & PF_BIT ? o.pf : 0;
    const bl = (objects & BL_BIT) !== 0;
    const m0 = (objects & M0_BIT) !== 0;
    const m1 = (objects & M1_BIT) !== 0;
    const g0 = o.curGrp0;
    const g1 = o.curGrp1;
    const { pfOff, p0Off, p1Off, m0Off, m1Off, blOff, colours } = o;
    const mode = o.prioScore;
    const cover = this.cover;
    const n = this.coverCount;
    const end = hpos + count;
    const base = start - hpos;
    let coll = 0;
    for (let i = 0; i < n; i++) {
      const x = cover[i];
      if (x < hpos || x >= end) continue;
      let e = (pf & PLAYFIELD_MASKS[pfOff + x]) !== 0 ? PF_BIT : 0;
      if (bl && BALL_MASKS[blOff + x] !== 0) e |= BL_BIT;
      if ((g1 & PLAYER_MASKS[p1Off + x]) !== 0) e |= P1_BIT;
      if (m1 && MISSILE_MASKS[m1Off + x] !== 0) e |= M1_BIT;
      if ((g0 & PLAYER_MASKS[p0Off + x]) !== 0) e |= P0_BIT;
      if (m0 && MISSILE_MASKS[m0Off + x] !== 0) e |= M0_BIT;
      if (collide) coll |= COLLISIONS[e];
      if (render && e > PF_BIT) buf[base + x] = colours[PRIORITY[(x < 80 ? 0 : 256) | mode | e]];
    }
    o.collision |= coll;
  }
}

/** Background and playfield; `scoreColours`: PF pixels take COLUP0 (left half) / COLUP1 (right). */
function fillPlayfield(
  o: TiaObjects,
  buf: Uint8Array,
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
  const end = hpos + count;
  for (let x = hpos; x < end; x++) buf[p++] = (pf & PLAYFIELD_MASKS[off + x]) !== 0 ? (x < 80 ? left : right) : bk;
}
