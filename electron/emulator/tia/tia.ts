/**
 * The TIA as ALE 0.12's Stella core emulates it (../shared/docs/ale-facts.md §4–§6): one `runFrame()`
 * is one ALE frame, register writes take effect after their write delay, drawing is lazy (video.ts),
 * and the frame ends on a TIA write (VSYNC cleared after ≥ 1 line, or the scanline fallback).
 */
import type { CpuControl, WriteHandler } from '../bus';
import type { StateReader, StateWriter } from '../state';
import { TiaInputs } from './inputs';
import * as tables from './tables';
import * as video from './video';
import { TiaVideo } from './video';
import * as writeFilter from './write-filter';

export { MAX_RESISTANCE } from './inputs';

const LINE = video.LINE;
const HBLANK = video.HBLANK;
const WRITE_DELAYS = tables.WRITE_DELAYS;
const PF_DELAYS = tables.PF_DELAYS;
const collisionBits = tables.collisionBits;
const hmoveBlankCycle = tables.hmoveBlankCycle;
const resetPlayerWhen = tables.resetPlayerWhen;
const changesPicture = writeFilter.changesPicture;
const playfieldValue = writeFilter.playfieldValue;
const COLOUR_SLOT = writeFilter.COLOUR_SLOT;

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
/** NUSIZx, CTRLPF, RESxx, HMOVE, CXCLR: always drawn up to first (write-filter.ts), without CPU side effects. */
const DRAWING_REGISTERS: readonly number[] = [0x04, 0x05, 0x0a, 0x10, 0x11, 0x12, 0x13, 0x14, 0x2a, 0x2c];
const NEVER = 0x7fffffff;

/** GRP0, GRP1, ENAM0, ENAM1, ENABL and VDELP0 … RESMP1: the registers TiaObjects.writeGraphics takes. */
function isGraphicsRegister(reg: number): boolean {
  return (reg >= 0x1b && reg <= 0x1f) || (reg >= 0x25 && reg <= 0x29);
}

export class Tia extends TiaVideo {
  private vsync = 0;
  private vsyncFinish = NEVER;
  private lastHmove = 0;
  private maxScanlines = 262;
  /** First clock at which a TIA write ends the frame by the scanline fallback. */
  private fallbackClock = 0;
  private resetMaxScanlines = 290;
  private scanlineCount = 0;
  private colourLoss = false;
  private partial = false;
  private greyed = false;
  private hmoveBlanksAllowed: boolean;
  private readonly inputs = new TiaInputs();
  /** The clock the last write applied without catching up would have drawn to. */
  private pendingClock = 0;

  constructor(
    private readonly cpu: CpuControl,
    private readonly options: TiaOptions,
  ) {
    super(options.yStart, options.height);
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

  private endFrame(): void {
    this.cpu.stop();
    this.partial = false;
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

  /** GRPx, ENAxx, VDELxx, RESMPx before the fallback clock; a write that changes nothing drawn is quiet. */
  private writeGraphicsAt(reg: number, value: number, clock: number): void {
    const o = this.obj;
    if (o.changesGraphics(reg, value)) {
      this.catchUp(clock + WRITE_DELAYS[reg]);
      o.writeGraphics(reg, value);
    } else {
      // The drawn values stay as they are: only the registers change.
      this.pendingClock = clock + WRITE_DELAYS[reg];
      o.storeGraphics(reg, value);
    }
  }

  /**
   * Bus.writeHandler for one register: what write(reg, value) does at CPU cycle `cycles`, returning the
   * cycle count after it. Graphics and quiet registers (write-filter.ts), which kernels write on every
   * line, skip write()'s dispatch; the frame-ending fallback and every other register take write().
   */
  writerFor(reg: number): WriteHandler {
    const cpu = this.cpu;
    const general: WriteHandler = (cycles, value) => {
      cpu.cycles = cycles;
      this.write(reg, value);
      return cpu.cycles;
    };
    if (reg === 0x1b || reg === 0x1c) return this.playerWriter(reg, general);
    if (writeFilter.isQuiet(reg) && reg !== 0x22) {
      // WSYNC, HMCLR, HMxx, audio: no catch-up and no write delay (HMM0 keeps write()'s Cosmic Ark check).
      return (cycles, value) => {
        if (cycles * 3 >= this.fallbackClock) return general(cycles, value);
        this.pendingClock = cycles * 3;
        if (reg === 0x02) return this.lineEndCycle(cycles);
        this.writeControl(reg, value, cycles * 3);
        return cycles;
      };
    }
    if (reg >= 0x06 && reg <= 0x09) return this.colourWriter(reg, general);
    if (reg >= 0x0d && reg <= 0x0f) return this.playfieldWriter(reg, general);
    if (DRAWING_REGISTERS.includes(reg)) {
      // Registers that always draw up to the write first and touch nothing of the CPU's.
      const delay = WRITE_DELAYS[reg];
      const position = reg >= 0x10 && reg <= 0x14;
      return (cycles, value) => {
        const clock = cycles * 3;
        if (clock >= this.fallbackClock) return general(cycles, value);
        this.catchUp(clock + delay);
        if (position) this.writePosition(reg, clock);
        else this.writeControl(reg, value, clock);
        return cycles;
      };
    }
    if (!isGraphicsRegister(reg)) return general;
    return (cycles, value) => {
      if (cycles * 3 >= this.fallbackClock) return general(cycles, value);
      this.writeGraphicsAt(reg, value, cycles * 3);
      return cycles;
    };
  }

  /**
   * GRP0/GRP1, the registers kernels write most (several times a line in Space Invaders): the drawn
   * values they lead to are worked out once, to compare and to apply.
   */
  private playerWriter(reg: number, general: WriteHandler): WriteHandler {
    const o = this.obj;
    const delay = WRITE_DELAYS[reg];
    return (cycles, value) => {
      const clock = cycles * 3;
      if (clock >= this.fallbackClock || (reg === 0x1c && o.vdelbl && o.enabl !== o.denabl)) {
        return general(cycles, value);
      }
      const players = o.playersAfter(reg, value);
      if (players !== o.drawnPlayers()) {
        this.catchUp(clock + delay);
        o.writePlayers(reg, value, players);
      } else {
        this.pendingClock = clock + delay;
        o.storeGraphics(reg, value);
      }
      return cycles;
    };
  }

  /** COLUxx: only a changed colour, while rendering, draws up to the write first (no write delay). */
  private colourWriter(reg: number, general: WriteHandler): WriteHandler {
    const colours = this.obj.colours;
    const slot = COLOUR_SLOT[reg - 6];
    return (cycles, value) => {
      const clock = cycles * 3;
      if (clock >= this.fallbackClock) return general(cycles, value);
      const colour = this.colourValue(value);
      if (this.renderPixels && colour !== colours[slot]) this.catchUp(clock);
      else this.pendingClock = clock;
      colours[slot] = colour;
      return cycles;
    };
  }

  /** PF0–PF2: a changed playfield draws up to the write (plus its clock-dependent delay) first. */
  private playfieldWriter(reg: number, general: WriteHandler): WriteHandler {
    const o = this.obj;
    return (cycles, value) => {
      const clock = cycles * 3;
      if (clock >= this.fallbackClock) return general(cycles, value);
      const at = clock + PF_DELAYS[(((clock - this.frameStart) % LINE) / 3) & 3];
      const pf = playfieldValue(o.pf, reg, value);
      if (pf !== o.pf) {
        this.catchUp(at);
        o.setPlayfield(pf);
      } else {
        this.pendingClock = at;
      }
      return cycles;
    };
  }

  /** The CPU cycle WSYNC at `cycles` stalls to: the start of the next line (no stall at a line start). */
  private lineEndCycle(cycles: number): number {
    const toEnd = 76 - ((cycles - Math.trunc(this.frameStart / 3)) % 76);
    return toEnd < 76 ? cycles + toEnd : cycles;
  }

  private colourValue(value: number): number {
    return (value & 0xfe) | (this.colourLoss && this.scanlineCount & 1 ? 1 : 0);
  }

  private writeControl(reg: number, value: number, clock: number): void {
    const o = this.obj;
    switch (reg) {
      case 0x00:
        this.vsync = value;
        if (value & 0x02) this.vsyncFinish = clock + LINE;
        else if (clock >= this.vsyncFinish) {
          this.vsyncFinish = NEVER;
          this.endFrame();
        }
        break;
      case 0x01:
        this.inputs.vblank(this.vblank, value, this.cpu.cycles);
        this.vblank = value;
        break;
      case 0x02:
        this.cpu.cycles = this.lineEndCycle(this.cpu.cycles);
        break;
      case 0x04:
        o.setNusiz0(value);
        break;
      case 0x05:
        o.setNusiz1(value);
        break;
      case 0x06:
      case 0x07:
      case 0x08:
      case 0x09:
        o.colours[COLOUR_SLOT[reg - 6]] = this.colourValue(value);
        break;
      case 0x0a:
        // The reflection bit reaches the current line only while the beam is left of centre.
        o.setCtrlpf(value, (clock - this.frameStart) % LINE < HBLANK + 79);
        break;
      case 0x0b:
      case 0x0c:
        o.setReflect(reg - 0x0b, (value & 0x08) !== 0);
        break;
      case 0x0d:
      case 0x0e:
      case 0x0f:
        o.setPlayfield(playfieldValue(o.pf, reg, value));
        break;
      case 0x22:
        // Stella's "Cosmic Ark" starfield quirk: HMM0 7 → 6 exactly 21 cycles after an HMOVE.
        if (clock === this.lastHmove + 21 * 3 && o.hm[2] === 7 && value >> 4 === 6) {
          this.arkMotion = true;
          this.arkCounter = 0;
        }
        o.hm[2] = value >> 4;
        break;
      case 0x20:
      case 0x21:
      case 0x23:
      case 0x24:
        o.hm[reg - 0x20] = value >> 4;
        break;
      case 0x2a: {
        const cycle = (((clock - this.frameStart) % LINE) / 3) | 0;
        if (this.hmoveBlanksAllowed && hmoveBlankCycle(cycle)) this.hmoveBlank = true;
        o.hmove(cycle);
        this.lastHmove = clock;
        this.arkMotion = false;
        break;
      }
      case 0x2b:
        o.hm.fill(0);
        break;
      case 0x2c:
        o.collision = 0;
        break;
      default:
        break; // RSYNC, audio and unused addresses draw nothing
    }
  }

  private writePosition(reg: number, clock: number): void {
    const o = this.obj;
    const hpos = (clock - this.frameStart) % LINE;
    if (reg <= 0x11) {
      const player = reg - 0x10;
      const newx = hpos < HBLANK ? 3 : (hpos - HBLANK + 5) % 160;
      const when = resetPlayerWhen(player ? o.nusiz1 : o.nusiz0, (newx - (player ? o.posP1 : o.posP0) + 160) % 160);
      // Reset while a copy is being drawn: Stella lets that copy finish (11 clocks) before moving.
      if (when === 1) this.catchUp(clock + 11);
      o.resetPlayer(player, newx, when === -1 ? 0 : 1);
      return;
    }
    o.resetMissileOrBall(reg, hpos, clock - this.lastHmove);
  }

  /** `screens` false: see TiaVideo.saveVideo. */
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
