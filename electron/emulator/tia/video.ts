/**
 * The TIA's beam: frame buffers, the display window and the lazy renderer.
 *
 * Drawing follows ALE's Stella core (../shared/docs/ale-facts.md §4): the beam is only drawn on TIA
 * accesses, up to the access clock (plus the register's write delay), and only inside the display
 * window (scanlines yStart … yStart+height, colour clocks 68–227). Collisions are latched by the same
 * pass, so — like ALE — they are only detected inside that window and never while VBLANK blanks.
 * `renderPixels = false` skips the pixel stores but keeps the collision pass.
 */
import type { StateReader, StateWriter } from '../state';
import { Compositor } from './compose';
import { TiaObjects } from './objects';
import * as tables from './tables';

const HIDDEN_MISSILE_OFFSET = tables.HIDDEN_MISSILE_OFFSET;
const missileMaskOffset = tables.missileMaskOffset;

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

  protected readonly obj = new TiaObjects();
  private readonly compositor = new Compositor();
  protected current = new Uint8Array(160 * BUFFER_ROWS);
  protected previous = new Uint8Array(160 * BUFFER_ROWS);
  /** 32-bit views of the buffers, for 4-pixel stores (rows are 160 bytes, so pixel x ≡ address mod 4). */
  protected current32 = new Uint32Array(this.current.buffer);
  protected previous32 = new Uint32Array(this.previous.buffer);
  /** Views of the observable rows of each buffer (swapped with them, so screen() allocates nothing). */
  protected currentScreen: Uint8Array;
  private previousScreen: Uint8Array;
  /** Flips with each buffer swap, so a state saved without its screens can restore which is which. */
  private swapped = false;
  /** Next pixel of `current` the beam writes. */
  protected framePos = 0;

  // Frame timing, in colour clocks since the CPU cycle counter was last zeroed.
  protected frameStart = 0;
  protected startDisplay = 0;
  protected stopDisplay = 0;
  protected lastUpdate = 0;
  /** Clocks left in the line being drawn; 0 means "line finished, end-of-line work still pending". */
  protected toEndOfLine = LINE;

  protected vblank = 0;
  protected hmoveBlank = false;
  protected arkMotion = false;
  protected arkCounter = 0;

  constructor(
    protected readonly yStart: number,
    protected readonly height: number,
  ) {
    this.currentScreen = this.visibleRows(this.current);
    this.previousScreen = this.visibleRows(this.previous);
  }

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

  private drawSpan(hpos: number, count: number): void {
    if (this.vblank & 2) {
      if (this.renderPixels) this.current.fill(0, this.framePos, this.framePos + count);
      return;
    }
    this.compositor.span(this.obj, this.current, this.current32, this.framePos, hpos, count, this.renderPixels);
  }

  protected swapBuffers(): void {
    const swap = this.current;
    this.current = this.previous;
    this.previous = swap;
    const swap32 = this.current32;
    this.current32 = this.previous32;
    this.previous32 = swap32;
    const view = this.currentScreen;
    this.currentScreen = this.previousScreen;
    this.previousScreen = view;
    this.swapped = !this.swapped;
  }

  /** Work done when the beam finishes a line: PF reflection, player copies re-armed, Cosmic Ark. */
  private endOfLine(): void {
    const o = this.obj;
    o.pfOff = (o.ctrlpf & 1) * 160;
    o.rearmPlayers();
    if (!this.arkMotion) return;
    this.arkCounter = (this.arkCounter + 1) & 3;
    o.posM0 -= ARK_MOTION[this.arkCounter];
    if (o.posM0 >= 160) o.posM0 -= 160;
    else if (o.posM0 < 0) o.posM0 += 160;
    const size = (o.nusiz0 & 0x30) >> 4;
    if (this.arkCounter === 1) o.m0Off = missileMaskOffset(o.nusiz0, size | 1, o.posM0);
    else if (this.arkCounter === 2) o.m0Off = HIDDEN_MISSILE_OFFSET + 160 - o.posM0;
    else o.refreshMissile0();
  }

  /** A partial frame: rows from the current scanline (not above the window) to the bottom, greyed. */
  protected greyOut(scanline: number): void {
    const first = Math.max(scanline, this.yStart) - this.yStart;
    const buf = this.current;
    for (let i = first * 160; i < this.height * 160; i++) buf[i] = (buf[i] & 0x0f) >> 1;
  }

  /** The rows a screen can show: rows past them are never observable, so states leave them out. */
  protected visibleRows(buf: Uint8Array): Uint8Array {
    return buf.subarray(0, 160 * Math.max(200, this.height));
  }

  /**
   * `screens` false: the buffers' contents are left out and only which one is current is kept; loading
   * such a state then relies on the buffers not having been drawn into since (frame skipping's rewind).
   */
  protected saveVideo(w: StateWriter, screens: boolean): void {
    if (screens) {
      w.bytes(this.currentScreen);
      w.bytes(this.previousScreen);
    } else {
      w.bool(this.swapped);
    }
    const { framePos, frameStart, startDisplay, stopDisplay, lastUpdate, toEndOfLine, vblank } = this;
    for (const v of [framePos, frameStart, startDisplay, stopDisplay, lastUpdate, toEndOfLine, vblank]) w.i32(v);
    w.i32(this.arkCounter);
    w.bool(this.hmoveBlank);
    w.bool(this.arkMotion);
    this.obj.save(w);
  }

  protected loadVideo(r: StateReader, screens: boolean): void {
    if (screens) {
      r.bytes(this.currentScreen);
      r.bytes(this.previousScreen);
    } else if (r.bool() !== this.swapped) {
      this.swapBuffers();
    }
    this.framePos = r.i32();
    this.frameStart = r.i32();
    this.startDisplay = r.i32();
    this.stopDisplay = r.i32();
    this.lastUpdate = r.i32();
    this.toEndOfLine = r.i32();
    this.vblank = r.i32();
    this.arkCounter = r.i32();
    this.hmoveBlank = r.bool();
    this.arkMotion = r.bool();
    this.obj.load(r);
  }
}
