/**
 * The TIA's picture side: object state, the frame buffers and the lazy renderer.
 *
 * Drawing follows ALE's Stella core (../shared/docs/ale-facts.md §4): the beam is only drawn on TIA
 * accesses, up to the access clock (plus the register's write delay), and only inside the display
 * window (scanlines yStart … yStart+height, colour clocks 68–227). Collisions are latched by the same
 * pass, so — like ALE — they are only detected inside that window and never while VBLANK blanks.
 * Each span between two accesses is drawn with one register state; `renderPixels = false` skips the
 * pixel stores but still runs the collision pass whenever a not-yet-latched collision is possible.
 */
import {
  BALL_MASKS,
  BL_BIT,
  COLLISIONS,
  HIDDEN_MISSILE_OFFSET,
  M0_BIT,
  M1_BIT,
  MISSILE_MASKS,
  PF_BIT,
  PLAYER_MASKS,
  PLAYFIELD_MASKS,
  PRIORITY,
  SCORE_BIT,
  ballMaskOffset,
  missileMaskOffset,
  playerMaskOffset,
} from './tables';
import type { StateReader, StateWriter } from '../state';

/** Colour clocks per scanline and of horizontal blank. */
export const LINE = 228;
export const HBLANK = 68;
/** Frame buffers hold 300 rows, as Stella's do; ALE's screen is the first `height` of them. */
const BUFFER_ROWS = 300;

/** Motion the "Cosmic Ark" missile quirk applies at the end of each line, by its 4-line phase. */
const ARK_MOTION = [18, 33, 0, 17];

export class TiaVideo {
  /** False: frames are not composed into the buffers (timing and collisions stay exact). */
  renderPixels = true;

  protected current = new Uint8Array(160 * BUFFER_ROWS);
  protected previous = new Uint8Array(160 * BUFFER_ROWS);
  /** Next pixel of `current` the beam writes. */
  protected framePos = 0;

  // Frame timing, in colour clocks since the CPU cycle counter was last zeroed.
  protected frameStart = 0;
  protected startDisplay = 0;
  protected stopDisplay = 0;
  protected lastUpdate = 0;
  /** Clocks left in the line being drawn; 0 means "line finished, end-of-line work still pending". */
  protected toEndOfLine = LINE;

  // Registers and derived object state.
  protected vblank = 0;
  protected nusiz0 = 0;
  protected nusiz1 = 0;
  /** COLUBK, COLUPF, COLUP0, COLUP1, each & 0xFE. */
  protected readonly colours = new Uint8Array(4);
  protected ctrlpf = 0;
  protected prioScore = 0;
  protected pf = 0;
  protected curGrp0 = 0;
  protected curGrp1 = 0;
  /** Object bits of the objects that can show at all (GRP ≠ 0, ENAxx and not locked, PF ≠ 0). */
  protected enabled = 0;
  protected posP0 = 0;
  protected posP1 = 0;
  protected posM0 = 0;
  protected posM1 = 0;
  protected posBL = 0;
  protected p0Off = playerMaskOffset(0, 0, 0);
  protected p1Off = playerMaskOffset(0, 0, 0);
  protected m0Off = missileMaskOffset(0, 0, 0);
  protected m1Off = missileMaskOffset(0, 0, 0);
  protected blOff = ballMaskOffset(0, 0);
  protected pfOff = 0;
  protected collision = 0;
  protected hmoveBlank = false;
  protected arkMotion = false;
  protected arkCounter = 0;

  constructor(
    protected readonly yStart: number,
    protected readonly height: number,
  ) {}

  protected setDisplayWindow(frameStart: number): void {
    this.frameStart = frameStart;
    this.startDisplay = frameStart + LINE * this.yStart;
    this.stopDisplay = frameStart + LINE * (this.yStart + this.height);
  }

  /** Draws the beam up to colour clock `clock` (exclusive). */
  protected catchUp(clock: number): void {
    if (clock < this.startDisplay || this.lastUpdate >= this.stopDisplay || this.lastUpdate >= clock) return;
    if (clock > this.stopDisplay) clock = this.stopDisplay;
    do {
      let fromLineStart = LINE - this.toEndOfLine;
      let count: number;
      if (clock > this.lastUpdate + this.toEndOfLine) {
        count = this.toEndOfLine;
        this.toEndOfLine = LINE;
        this.lastUpdate += count;
      } else {
        count = clock - this.lastUpdate;
        this.toEndOfLine -= count;
        this.lastUpdate = clock;
      }
      if (fromLineStart < HBLANK) {
        const skip = Math.min(HBLANK - fromLineStart, count);
        fromLineStart += skip;
        count -= skip;
      }
      const spanStart = this.framePos;
      if (count !== 0) {
        this.drawSpan(fromLineStart - HBLANK, count);
        this.framePos += count;
      }
      if (this.hmoveBlank && fromLineStart < HBLANK + 8) {
        // Stella clears from the span start to pixel 8 even when the span is shorter; later spans
        // redraw what lies beyond, so only pixels 0–7 stay black.
        if (this.renderPixels) this.current.fill(0, spanStart, spanStart + HBLANK + 8 - fromLineStart);
        if (count + fromLineStart >= HBLANK + 8) this.hmoveBlank = false;
      }
      if (this.toEndOfLine === LINE) this.endOfLine();
    } while (this.lastUpdate < clock);
  }

  /** Work done when the beam finishes a line: PF reflection, player copies re-armed, Cosmic Ark. */
  private endOfLine(): void {
    this.pfOff = (this.ctrlpf & 1) * 160;
    this.p0Off = playerMaskOffset(0, this.nusiz0, this.posP0);
    this.p1Off = playerMaskOffset(0, this.nusiz1, this.posP1);
    if (!this.arkMotion) return;
    this.arkCounter = (this.arkCounter + 1) & 3;
    this.posM0 -= ARK_MOTION[this.arkCounter];
    if (this.posM0 >= 160) this.posM0 -= 160;
    else if (this.posM0 < 0) this.posM0 += 160;
    const size = (this.nusiz0 & 0x30) >> 4;
    if (this.arkCounter === 1) this.m0Off = missileMaskOffset(this.nusiz0, size | 1, this.posM0);
    else if (this.arkCounter === 2) this.m0Off = HIDDEN_MISSILE_OFFSET + 160 - this.posM0;
    else this.m0Off = missileMaskOffset(this.nusiz0, size, this.posM0);
  }

  /** One span of `count` pixels from pixel `hpos` of the current line, with the current registers. */
  private drawSpan(hpos: number, count: number): void {
    const buf = this.current;
    const start = this.framePos;
    if (this.vblank & 2) {
      if (this.renderPixels) buf.fill(0, start, start + count);
      return;
    }
    const objects = this.enabled;
    const collide = (COLLISIONS[objects] & ~this.collision) !== 0;
    if (!this.renderPixels) {
      if (collide) this.composite(hpos, count, false, true);
      return;
    }
    if (objects === 0) {
      buf.fill(this.colours[0], start, start + count);
    } else if (objects === PF_BIT) {
      this.drawPlayfieldOnly(hpos, count);
    } else {
      this.composite(hpos, count, true, collide);
    }
  }

  /** Playfield over background; in score mode it takes the players' colours (even with priority). */
  private drawPlayfieldOnly(hpos: number, count: number): void {
    const buf = this.current;
    const mask = PLAYFIELD_MASKS;
    const pf = this.pf;
    const off = this.pfOff;
    const bk = this.colours[0];
    const score = (this.prioScore & SCORE_BIT) !== 0;
    const left = score ? this.colours[2] : this.colours[1];
    const right = score ? this.colours[3] : this.colours[1];
    let p = this.framePos;
    const end = hpos + count;
    for (let x = hpos; x < end; x++) buf[p++] = (pf & mask[off + x]) !== 0 ? (x < 80 ? left : right) : bk;
  }

  /** Per-pixel object bits → colour through the priority encoder, and/or collision latching. */
  private composite(hpos: number, count: number, render: boolean, collide: boolean): void {
    const buf = this.current;
    const colours = this.colours;
    const objects = this.enabled;
    const pf = objects & PF_BIT ? this.pf : 0;
    const bl = (objects & BL_BIT) !== 0;
    const m0 = (objects & M0_BIT) !== 0;
    const m1 = (objects & M1_BIT) !== 0;
    const g0 = this.curGrp0;
    const g1 = this.curGrp1;
    const pfm = PLAYFIELD_MASKS;
    const pm = PLAYER_MASKS;
    const mm = MISSILE_MASKS;
    const bm = BALL_MASKS;
    const pfOff = this.pfOff;
    const p0Off = this.p0Off;
    const p1Off = this.p1Off;
    const m0Off = this.m0Off;
    const m1Off = this.m1Off;
    const blOff = this.blOff;
    const mode = this.prioScore;
    let coll = 0;
    let p = this.framePos;
    const end = hpos + count;
    for (let x = hpos; x < end; x++) {
      let e = (pf & pfm[pfOff + x]) !== 0 ? 1 : 0;
      if (bl && bm[blOff + x] !== 0) e |= 2;
      if ((g1 & pm[p1Off + x]) !== 0) e |= 4;
      if (m1 && mm[m1Off + x] !== 0) e |= 8;
      if ((g0 & pm[p0Off + x]) !== 0) e |= 16;
      if (m0 && mm[m0Off + x] !== 0) e |= 32;
      if (collide) coll |= COLLISIONS[e];
      if (render) buf[p++] = colours[PRIORITY[(x < 80 ? 0 : 256) | mode | e]];
    }
    this.collision |= coll;
  }

  /** A partial frame: rows from the current scanline (not above the window) to the bottom, greyed. */
  protected greyOut(scanline: number): void {
    const first = Math.max(scanline, this.yStart) - this.yStart;
    const buf = this.current;
    for (let i = first * 160; i < this.height * 160; i++) buf[i] = (buf[i] & 0x0f) >> 1;
  }

  protected saveVideo(w: StateWriter): void {
    w.bytes(this.current);
    w.bytes(this.previous);
    for (const v of this.videoNumbers()) w.i32(v);
    w.bytes(this.colours);
    w.bool(this.hmoveBlank);
    w.bool(this.arkMotion);
  }

  protected loadVideo(r: StateReader): void {
    r.bytes(this.current);
    r.bytes(this.previous);
    const n = this.videoNumbers().map(() => r.i32());
    [this.framePos, this.frameStart, this.startDisplay, this.stopDisplay, this.lastUpdate, this.toEndOfLine] = n;
    [this.vblank, this.nusiz0, this.nusiz1, this.ctrlpf, this.prioScore, this.pf, this.curGrp0] = n.slice(6);
    [this.curGrp1, this.enabled, this.posP0, this.posP1, this.posM0, this.posM1, this.posBL] = n.slice(13);
    [this.p0Off, this.p1Off, this.m0Off, this.m1Off, this.blOff, this.pfOff, this.collision] = n.slice(20);
    this.arkCounter = n[27];
    r.bytes(this.colours);
    this.hmoveBlank = r.bool();
    this.arkMotion = r.bool();
  }

  private videoNumbers(): number[] {
    return [
      this.framePos,
      this.frameStart,
      this.startDisplay,
      this.stopDisplay,
      this.lastUpdate,
      this.toEndOfLine,
      this.vblank,
      this.nusiz0,
      this.nusiz1,
      this.ctrlpf,
      this.prioScore,
      this.pf,
      this.curGrp0,
      this.curGrp1,
      this.enabled,
      this.posP0,
      this.posP1,
      this.posM0,
      this.posM1,
      this.posBL,
      this.p0Off,
      this.p1Off,
      this.m0Off,
      this.m1Off,
      this.blOff,
      this.pfOff,
      this.collision,
      this.arkCounter,
    ];
  }

  protected refreshMissile0(): void {
    this.m0Off = missileMaskOffset(this.nusiz0, (this.nusiz0 & 0x30) >> 4, this.posM0);
  }

  protected refreshMissile1(): void {
    this.m1Off = missileMaskOffset(this.nusiz1, (this.nusiz1 & 0x30) >> 4, this.posM1);
  }

  protected refreshBall(): void {
    this.blOff = ballMaskOffset(this.ctrlpf, this.posBL);
  }
}
