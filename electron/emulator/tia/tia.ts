/**
 * The TIA as ALE 0.12's Stella core emulates it (../shared/docs/ale-facts.md §4–§6): one `runFrame()`
 * is one ALE frame, register writes take effect after their write delay, drawing is lazy (video.ts),
 * and the frame ends on a TIA write (VSYNC cleared after ≥ 1 line, or the scanline fallback).
 */
import type { CpuControl, WriteHandler } from '../bus';
import type { StateReader, StateWriter } from '../state';
import { isGraphicsRegister, NEVER, TiaRegisters } from './registers';
import * as tables from './tables';
import * as video from './video';
import * as writeFilter from './write-filter';

export { MAX_RESISTANCE } from './inputs';

const LINE = video.LINE;
const WRITE_DELAYS = tables.WRITE_DELAYS;
const PF_DELAYS = tables.PF_DELAYS;
const collisionBits = tables.collisionBits;
const changesPicture = writeFilter.changesPicture;

export interface TiaOptions {
  readonly yStart: number;
  readonly height: number;
  readonly hmoveBlanks: boolean;
  /**
   * Called at each frame start just before the TIA sets `cpu.cycles` back to 0 (Stella's
   * `resetCycles`), so other chips that remember cycle numbers (the RIOT timer) can rebase them.
   */
  readonly onCyclesReset?: () => void;
}

const INSTRUCTIONS_PER_FRAME = 25000;

export class Tia extends TiaRegisters {
  private maxScanlines = 262;
  private resetMaxScanlines = 290;
  private greyed = false;

  constructor(
    cpu: CpuControl,
    private readonly options: TiaOptions,
  ) {
    super(cpu, options.yStart, options.height);
    if (options.yStart < 0 || options.height < 1 || options.yStart + options.height > 300) {
      throw new Error(`TIA display window yStart=${options.yStart} height=${options.height} is out of range`);
    }
    this.hmoveBlanksAllowed = options.hmoveBlanks;
    this.reset();
    this.maxScanlines = 262; // Stella's constructor value; every reset sets 290 (or PAL's 342)
    this.updateFallback();
  }

  /** System reset: registers, positions, collisions and both buffers cleared; the partial flag stays. */
  reset(): void {
    this.obj.reset();
    this.vsync = this.vblank = 0;
    this.lastHmove = 0;
    this.hmoveBlank = this.arkMotion = false;
    this.arkCounter = 0;
    this.inputs.reset();
    this.hmoveBlanksAllowed = this.options.hmoveBlanks;
    this.maxScanlines = this.resetMaxScanlines;
    // Stella's frameReset: cleared buffers and a frame "started" at the current clock.
    this.current.fill(0);
    this.previous.fill(0);
    this.framePos = 0;
    this.setDisplayWindow(this.cpu.cycles * 3);
    this.lastUpdate = this.frameStart;
    this.toEndOfLine = LINE;
    this.vsyncFinish = NEVER;
    this.scanlineCount = 0;
    this.pendingClock = 0;
    this.updateFallback();
  }

  private updateFallback(): void {
    this.fallbackClock = this.frameStart + (this.maxScanlines + 1) * LINE;
  }

  /**
   * Max scanlines before the fallback ends a frame: 290 NTSC, 342 PAL (which also turns on Stella's PAL
   * colour loss, as its format does). Later resets keep the value.
   */
  setMaxScanlines(n: number): void {
    this.maxScanlines = this.resetMaxScanlines = n;
    this.colourLoss = n > 290;
    this.updateFallback();
  }

  /** The collision latches (layout in tables.COLLISIONS), for tests comparing emulation paths. */
  get collisionLatches(): number {
    return this.obj.collision;
  }

  get scanlinesLastFrame(): number {
    return this.scanlineCount;
  }

  setPaddleResistance(index: 0 | 1 | 2 | 3, resistance: number): void {
    this.inputs.setResistance(index, resistance);
  }

  setFireButton(index: 4 | 5, pressed: boolean): void {
    this.inputs.setFire(index - 4, pressed);
  }

  /** What ALE's getScreen returns now: the current buffer, 160 × height palette indices (a live view). */
  screen(): Uint8Array {
    return this.currentScreen;
  }

  /** One ALE frame (Stella's TIA::update). */
  runFrame(): void {
    if (!this.partial) this.startFrame();
    this.partial = true;
    this.cpu.execute(INSTRUCTIONS_PER_FRAME);
    const scanline = Math.floor(((this.cpu.cycles * 3 - this.frameStart) >>> 0) / LINE);
    if (this.partial) {
      // Draw what the writes since the last catch-up would have drawn: a partial frame shows it.
      this.catchUp(this.pendingClock);
      // 25,000 instructions without a frame end: grey what is left of the picture, once. Unrendered
      // frames leave the buffers alone (frame skipping's rewind relies on it).
      if (!this.greyed && this.renderPixels) this.greyOut(scanline);
      this.greyed = true;
    } else {
      this.scanlineCount = scanline;
      this.greyed = false;
    }
  }

  private startFrame(): void {
    this.swapBuffers();
    if (this.colourLoss) {
      // PAL colour loss: after an odd-length frame every colour register reads with bit 0 set.
      const odd = this.scanlineCount & 1;
      const colours = this.obj.colours;
      for (let i = 0; i < 4; i++) colours[i] = (colours[i] & 0xfe) | odd;
    }
    const cycles = this.cpu.cycles;
    const clocks = ((cycles * 3 - this.frameStart) >>> 0) % LINE;
    this.options.onCyclesReset?.();
    // Stella's systemCyclesReset: remembered clocks become relative to the new zero (int32 maths).
    this.inputs.rebase(cycles);
    this.vsyncFinish = (this.vsyncFinish - cycles * 3) | 0;
    this.lastHmove = (this.lastHmove - cycles * 3) | 0;
    this.cpu.cycles = 0;
    // The new frame's scanline 0 starts at the start of the line in which the last one ended.
    this.setDisplayWindow(-clocks);
    this.updateFallback();
    this.lastUpdate = this.startDisplay;
    this.toEndOfLine = LINE;
    this.framePos = 0;
    this.greyed = false;
    this.pendingClock = 0;
  }

  read(address: number, dataBus: number): number {
    this.catchUp(this.cpu.cycles * 3);
    const noise = dataBus & 0x3f;
    const reg = address & 0x0f;
    if (reg < 8) return collisionBits(this.obj.collision, reg) | noise;
    if (reg < 12) return this.inputs.paddle(reg - 8, this.cpu.cycles) | noise;
    if (reg < 14) return this.inputs.button(reg - 12) | noise;
    return noise;
  }

  write(address: number, value: number): void {
    const reg = address & 0x3f;
    const clock = this.cpu.cycles * 3;
    if (clock < this.fallbackClock && isGraphicsRegister(reg)) {
      this.writeGraphicsAt(reg, value, clock);
      return;
    }
    let delay = WRITE_DELAYS[reg];
    if (delay < 0) delay = PF_DELAYS[(((clock - this.frameStart) % LINE) / 3) & 3];
    // Writes that change nothing drawing reads skip the catch-up (write-filter.ts).
    if (clock >= this.fallbackClock) {
      this.catchUp(clock + delay);
      this.endFrame();
    } else if (changesPicture(this.obj, reg, value, this.renderPixels, this.colourValue(value))) {
      this.catchUp(clock + delay);
    } else {
      this.pendingClock = clock + delay;
    }
    if (isGraphicsRegister(reg)) this.obj.writeGraphics(reg, value);
    else if (reg >= 0x10 && reg <= 0x14) this.writePosition(reg, clock);
    else this.writeControl(reg, value, clock);
  }

  /** Bus.writeHandler for one register (TiaRegisters.specialWriter). */
  writerFor(reg: number): WriteHandler {
    const cpu = this.cpu;
    const general: WriteHandler = (cycles, value) => {
      cpu.cycles = cycles;
      this.write(reg, value);
      return cpu.cycles;
    };
    return this.specialWriter(reg, general);
  }

  saveState(w: StateWriter, screens = true): void {
    this.saveVideo(w, screens);
    this.inputs.save(w);
    const { vsync, vsyncFinish, lastHmove, maxScanlines, resetMaxScanlines, scanlineCount } = this;
    for (const v of [vsync, vsyncFinish, lastHmove, maxScanlines, resetMaxScanlines, scanlineCount]) w.i32(v);
    w.bool(this.partial);
    w.bool(this.greyed);
    w.bool(this.hmoveBlanksAllowed);
    w.bool(this.colourLoss);
  }

  loadState(r: StateReader, screens = true): void {
    this.loadVideo(r, screens);
    this.inputs.load(r);
    this.vsync = r.i32();
    this.vsyncFinish = r.i32();
    this.lastHmove = r.i32();
    this.maxScanlines = r.i32();
    this.resetMaxScanlines = r.i32();
    this.updateFallback();
    this.scanlineCount = r.i32();
    this.partial = r.bool();
    this.greyed = r.bool();
    this.hmoveBlanksAllowed = r.bool();
    this.colourLoss = r.bool();
    this.pendingClock = 0;
  }
}
