/**
 * The TIA as ALE 0.12's Stella core emulates it (../shared/docs/ale-facts.md §4–§6): one `runFrame()`
 * is one ALE frame, register writes take effect after their write delay, drawing is lazy (see video.ts),
 * and the frame ends on a TIA write (VSYNC cleared after ≥ 1 line, or the scanline fallback).
 */
import type { CpuControl } from '../bus';
import type { StateReader, StateWriter } from '../state';
import {
  MOTION,
  PF_BIT,
  PF_DELAYS,
  P0_BIT,
  P1_BIT,
  M0_BIT,
  M1_BIT,
  BL_BIT,
  REFLECT,
  WRITE_DELAYS,
  collisionBits,
  hmoveBlankCycle,
  playerMaskOffset,
  resetPlayerWhen,
} from './tables';
import { HBLANK, LINE, TiaVideo } from './video';
import { TiaInputs } from './inputs';

export { MAX_RESISTANCE } from './inputs';

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
const NEVER = 0x7fffffff;

export class Tia extends TiaVideo {
  private vsync = 0;
  private vsyncFinish = NEVER;
  private lastHmove = 0;
  private maxScanlines = 262;
  private resetMaxScanlines = 290;
  private scanlineCount = 0;
  private currentScanline = 0;
  private partial = false;
  private greyed = false;
  private hmoveBlanksAllowed: boolean;
  private grp0 = 0;
  private grp1 = 0;
  private dgrp0 = 0;
  private dgrp1 = 0;
  private refp0 = false;
  private refp1 = false;
  private vdelp0 = false;
  private vdelp1 = false;
  private vdelbl = false;
  private enam0 = false;
  private enam1 = false;
  private enabl = false;
  private denabl = false;
  private resmp0 = false;
  private resmp1 = false;
  /** HMP0, HMP1, HMM0, HMM1, HMBL (high nibbles). */
  private readonly hm = new Uint8Array(5);
  private readonly inputs = new TiaInputs();
  private readonly screenHeight: number;

  constructor(
    private readonly cpu: CpuControl,
    private readonly options: TiaOptions,
  ) {
    super(options.yStart, options.height);
    if (options.yStart < 0 || options.height < 1 || options.yStart + options.height > 300) {
      throw new Error(`TIA display window yStart=${options.yStart} height=${options.height} is out of range`);
    }
    this.screenHeight = Math.max(200, options.height);
    this.hmoveBlanksAllowed = options.hmoveBlanks;
    this.reset();
    this.maxScanlines = 262;
  }

  /** System reset: registers, positions, collisions and both buffers cleared; the partial flag stays. */
  reset(): void {
    this.vsync = this.vblank = this.nusiz0 = this.nusiz1 = this.ctrlpf = this.prioScore = this.pf = 0;
    this.colours.fill(0);
    this.grp0 = this.grp1 = this.dgrp0 = this.dgrp1 = this.curGrp0 = this.curGrp1 = 0;
    this.refp0 = this.refp1 = this.vdelp0 = this.vdelp1 = this.vdelbl = false;
    this.enam0 = this.enam1 = this.enabl = this.denabl = this.resmp0 = this.resmp1 = false;
    this.hm.fill(0);
    this.enabled = this.collision = 0;
    this.posP0 = this.posP1 = this.posM0 = this.posM1 = this.posBL = 0;
    this.p0Off = this.p1Off = playerMaskOffset(0, 0, 0);
    this.refreshMissile0();
    this.refreshMissile1();
    this.refreshBall();
    this.pfOff = 0;
    this.lastHmove = 0;
    this.hmoveBlank = this.arkMotion = false;
    this.arkCounter = 0;
    this.inputs.reset();
    this.hmoveBlanksAllowed = this.options.hmoveBlanks;
    this.maxScanlines = this.resetMaxScanlines;
    // Stella's frameReset: fresh buffers, a frame "started" at the current clock.
    this.current.fill(0);
    this.previous.fill(0);
    this.framePos = 0;
    this.setDisplayWindow(this.cpu.cycles * 3);
    this.lastUpdate = this.frameStart;
    this.toEndOfLine = LINE;
    this.vsyncFinish = NEVER;
    this.scanlineCount = this.currentScanline = 0;
  }

  /** Max scanlines before the fallback ends a frame (290 NTSC, 342 PAL); also used by later resets. */
  setMaxScanlines(n: number): void {
    this.maxScanlines = this.resetMaxScanlines = n;
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

  /** What ALE's getScreen returns: the current buffer, 160 × height palette-index bytes (a view). */
  screen(): Uint8Array {
    return this.current.subarray(0, 160 * this.screenHeight);
  }

  /** One ALE frame (TIA::update). */
  runFrame(): void {
    if (!this.partial) this.startFrame();
    this.partial = true;
    this.cpu.execute(INSTRUCTIONS_PER_FRAME);
    this.currentScanline = this.scanlineNow();
    if (this.partial) {
      if (!this.greyed) this.greyOut(this.currentScanline);
      this.greyed = true;
    } else {
      this.scanlineCount = this.currentScanline;
      this.greyed = false;
    }
  }

  private scanlineNow(): number {
    return Math.floor(((this.cpu.cycles * 3 - this.frameStart) >>> 0) / LINE);
  }

  private startFrame(): void {
    const swap = this.current;
    this.current = this.previous;
    this.previous = swap;
    const cycles = this.cpu.cycles;
    const clocks = ((cycles * 3 - this.frameStart) >>> 0) % LINE;
    this.options.onCyclesReset?.();
    // Stella's systemCyclesReset: remembered clocks become relative to the new zero (int32 maths).
    this.inputs.rebase(cycles);
    this.vsyncFinish = (this.vsyncFinish - cycles * 3) | 0;
    this.lastHmove = (this.lastHmove - cycles * 3) | 0;
    this.cpu.cycles = 0;
    this.setDisplayWindow(-clocks);
    this.lastUpdate = this.startDisplay;
    this.toEndOfLine = LINE;
    this.framePos = 0;
    this.greyed = false;
  }

  private endFrame(): void {
    this.cpu.stop();
    this.partial = false;
  }

  read(address: number, dataBus: number): number {
    this.catchUp(this.cpu.cycles * 3);
    const noise = dataBus & 0x3f;
    const reg = address & 0x0f;
    if (reg < 8) return collisionBits(this.collision, reg) | noise;
    if (reg < 12) return this.inputs.paddle(reg - 8, this.cpu.cycles) | noise;
    if (reg < 14) return this.inputs.button(reg - 12) | noise;
    return noise;
  }

  write(address: number, value: number): void {
    const reg = address & 0x3f;
    const clock = this.cpu.cycles * 3;
    let delay = WRITE_DELAYS[reg];
    if (delay < 0) delay = PF_DELAYS[(((clock - this.frameStart) % LINE) / 3) & 3];
    this.catchUp(clock + delay);
    if (Math.floor((clock - this.frameStart) / LINE) > this.maxScanlines) this.endFrame();
    if (reg >= 0x10 && reg <= 0x14) this.writePosition(reg, clock);
    else if ((reg >= 0x1b && reg <= 0x1f) || (reg >= 0x25 && reg <= 0x29)) this.writeGraphics(reg, value);
    else this.writeControl(reg, value, clock);
  }

  private writeControl(reg: number, value: number, clock: number): void {
    switch (reg) {
      case 0x00:
        this.vsync = value;
        if (value & 0x02) {
          this.vsyncFinish = clock + LINE;
        } else if (clock >= this.vsyncFinish) {
          this.vsyncFinish = NEVER;
          this.endFrame();
        }
        break;
      case 0x01:
        this.inputs.vblank(this.vblank, value, this.cpu.cycles);
        this.vblank = value;
        break;
      case 0x02: {
        const toEnd = 76 - ((this.cpu.cycles - Math.trunc(this.frameStart / 3)) % 76);
        if (toEnd < 76) this.cpu.cycles += toEnd;
        break;
      }
      case 0x04:
        this.nusiz0 = value;
        this.p0Off = playerMaskOffset(0, value, this.posP0);
        this.refreshMissile0();
        break;
      case 0x05:
        this.nusiz1 = value;
        this.p1Off = playerMaskOffset(0, value, this.posP1);
        this.refreshMissile1();
        break;
      case 0x06:
        this.colours[2] = value & 0xfe;
        break;
      case 0x07:
        this.colours[3] = value & 0xfe;
        break;
      case 0x08:
        this.colours[1] = value & 0xfe;
        break;
      case 0x09:
        this.colours[0] = value & 0xfe;
        break;
      case 0x0a:
        this.ctrlpf = value;
        this.prioScore = (value & 0x06) << 5;
        // The reflection bit only reaches the current line while the beam is left of centre.
        if ((clock - this.frameStart) % LINE < HBLANK + 79) this.pfOff = (value & 1) * 160;
        this.refreshBall();
        break;
      case 0x0b:
        if (((value & 0x08) !== 0) !== this.refp0) {
          this.refp0 = !this.refp0;
          this.curGrp0 = REFLECT[this.curGrp0];
        }
        break;
      case 0x0c:
        if (((value & 0x08) !== 0) !== this.refp1) {
          this.refp1 = !this.refp1;
          this.curGrp1 = REFLECT[this.curGrp1];
        }
        break;
      case 0x0d:
        this.setPlayfield((this.pf & 0xffff0) | ((value >> 4) & 0x0f));
        break;
      case 0x0e:
        this.setPlayfield((this.pf & 0xff00f) | (value << 4));
        break;
      case 0x0f:
        this.setPlayfield((this.pf & 0x00fff) | (value << 12));
        break;
      case 0x20:
      case 0x21:
      case 0x23:
      case 0x24:
        this.hm[reg - 0x20] = value >> 4;
        break;
      case 0x22:
        // Stella's "Cosmic Ark" starfield quirk: HMM0 7 → 6 exactly 21 cycles after an HMOVE.
        if (clock === this.lastHmove + 21 * 3 && this.hm[2] === 7 && value >> 4 === 6) {
          this.arkMotion = true;
          this.arkCounter = 0;
        }
        this.hm[2] = value >> 4;
        break;
      case 0x2a:
        this.hmove(clock);
        break;
      case 0x2b:
        this.hm.fill(0);
        break;
      case 0x2c:
        this.collision = 0;
        break;
      default:
        break; // RSYNC, audio and unused addresses draw nothing
    }
  }

  private setPlayfield(pf: number): void {
    this.pf = pf;
    this.enabled = pf !== 0 ? this.enabled | PF_BIT : this.enabled & ~PF_BIT;
  }

  private hmove(clock: number): void {
    const cycle = (((clock - this.frameStart) % LINE) / 3) | 0;
    if (this.hmoveBlanksAllowed && hmoveBlankCycle(cycle)) this.hmoveBlank = true;
    const row = cycle * 16;
    const hm = this.hm;
    this.posP0 = wrap(this.posP0 + MOTION[row + hm[0]]);
    this.posP1 = wrap(this.posP1 + MOTION[row + hm[1]]);
    this.posM0 = wrap(this.posM0 + MOTION[row + hm[2]]);
    this.posM1 = wrap(this.posM1 + MOTION[row + hm[3]]);
    this.posBL = wrap(this.posBL + MOTION[row + hm[4]]);
    this.refreshBall();
    this.p0Off = playerMaskOffset(0, this.nusiz0, this.posP0);
    this.p1Off = playerMaskOffset(0, this.nusiz1, this.posP1);
    this.refreshMissile0();
    this.refreshMissile1();
    this.lastHmove = clock;
    this.arkMotion = false;
  }

  private writePosition(reg: number, clock: number): void {
    const hpos = (clock - this.frameStart) % LINE;
    if (reg === 0x10 || reg === 0x11) {
      const newx = hpos < HBLANK ? 3 : (hpos - HBLANK + 5) % 160;
      const one = reg === 0x10;
      const nusiz = one ? this.nusiz0 : this.nusiz1;
      const when = resetPlayerWhen(nusiz, (newx - (one ? this.posP0 : this.posP1) + 160) % 160);
      // Reset during a drawn copy: Stella lets that copy finish (11 clocks) before moving.
      if (when === 1) this.catchUp(clock + 11);
      const off = playerMaskOffset(when === -1 ? 0 : 1, nusiz, newx);
      if (one) {
        this.posP0 = newx;
        this.p0Off = off;
      } else {
        this.posP1 = newx;
        this.p1Off = off;
      }
      return;
    }
    let pos = hpos < HBLANK ? 2 : (hpos - HBLANK + 4) % 160;
    const sinceHmove = clock - this.lastHmove;
    // Stella's per-game hacks for resets a few cycles after an HMOVE (Dolphin, Pitfall II, ...).
    if (reg === 0x12) {
      if (sinceHmove === 20 * 3 && hpos === 69) pos = 8;
      this.posM0 = pos;
      this.refreshMissile0();
    } else if (reg === 0x13) {
      if (sinceHmove === 3 * 3 && hpos === 18) pos = 3;
      this.posM1 = pos;
      this.refreshMissile1();
    } else {
      if (sinceHmove === 18 * 3 && (hpos === 60 || hpos === 69)) pos = 10;
      else if (sinceHmove === 3 * 3 && hpos === 18) pos = 3;
      else if (sinceHmove === 7 * 3 && hpos === 30) pos = 6;
      else if (sinceHmove === 6 * 3 && hpos === 27) pos = 5;
      this.posBL = pos;
      this.refreshBall();
    }
  }

  private writeGraphics(reg: number, value: number): void {
    switch (reg) {
      case 0x1b:
        this.grp0 = value;
        this.dgrp1 = this.grp1;
        break;
      case 0x1c:
        this.grp1 = value;
        this.dgrp0 = this.grp0;
        this.denabl = this.enabl;
        break;
      case 0x1d:
        this.enam0 = (value & 0x02) !== 0;
        break;
      case 0x1e:
        this.enam1 = (value & 0x02) !== 0;
        break;
      case 0x1f:
        this.enabl = (value & 0x02) !== 0;
        break;
      case 0x25:
        this.vdelp0 = (value & 0x01) !== 0;
        break;
      case 0x26:
        this.vdelp1 = (value & 0x01) !== 0;
        break;
      case 0x27:
        this.vdelbl = (value & 0x01) !== 0;
        break;
      case 0x28:
        if (this.resmp0 && !(value & 0x02)) {
          this.posM0 = (this.posP0 + playerMiddle(this.nusiz0)) % 160;
          this.refreshMissile0();
        }
        this.resmp0 = (value & 0x02) !== 0;
        break;
      case 0x29:
        if (this.resmp1 && !(value & 0x02)) {
          this.posM1 = (this.posP1 + playerMiddle(this.nusiz1)) % 160;
          this.refreshMissile1();
        }
        this.resmp1 = (value & 0x02) !== 0;
        break;
      default:
        return;
    }
    this.refreshGraphics();
  }

  /** Recomputes the shown GRP values (vertical delay, reflection) and the enabled-object bits. */
  private refreshGraphics(): void {
    const g0 = this.vdelp0 ? this.dgrp0 : this.grp0;
    const g1 = this.vdelp1 ? this.dgrp1 : this.grp1;
    this.curGrp0 = this.refp0 ? REFLECT[g0] : g0;
    this.curGrp1 = this.refp1 ? REFLECT[g1] : g1;
    let e = this.enabled & PF_BIT;
    if (this.curGrp0 !== 0) e |= P0_BIT;
    if (this.curGrp1 !== 0) e |= P1_BIT;
    if (this.enam0 && !this.resmp0) e |= M0_BIT;
    if (this.enam1 && !this.resmp1) e |= M1_BIT;
    if (this.vdelbl ? this.denabl : this.enabl) e |= BL_BIT;
    this.enabled = e;
  }

  saveState(w: StateWriter): void {
    this.saveVideo(w);
    this.inputs.save(w);
    for (const v of this.numbers()) w.i32(v);
    w.bytes(this.hm);
    for (const f of this.flags()) w.bool(f);
  }

  loadState(r: StateReader): void {
    this.loadVideo(r);
    this.inputs.load(r);
    const n = this.numbers().map(() => r.i32());
    [this.vsync, this.vsyncFinish, this.lastHmove, this.maxScanlines, this.resetMaxScanlines] = n;
    [this.scanlineCount, this.currentScanline, this.grp0, this.grp1, this.dgrp0, this.dgrp1] = n.slice(5);
    r.bytes(this.hm);
    const f = this.flags().map(() => r.bool());
    [this.partial, this.greyed, this.hmoveBlanksAllowed, this.refp0, this.refp1, this.vdelp0, this.vdelp1] = f;
    [this.vdelbl, this.enam0, this.enam1, this.enabl, this.denabl, this.resmp0, this.resmp1] = f.slice(7);
  }

  private numbers(): number[] {
    const { vsync, vsyncFinish, lastHmove, maxScanlines, resetMaxScanlines, scanlineCount } = this;
    return [vsync, vsyncFinish, lastHmove, maxScanlines, resetMaxScanlines, scanlineCount].concat([
      this.currentScanline,
      this.grp0,
      this.grp1,
      this.dgrp0,
      this.dgrp1,
    ]);
  }

  private flags(): boolean[] {
    return [
      this.partial,
      this.greyed,
      this.hmoveBlanksAllowed,
      this.refp0,
      this.refp1,
      this.vdelp0,
      this.vdelp1,
      this.vdelbl,
      this.enam0,
      this.enam1,
      this.enabl,
      this.denabl,
      this.resmp0,
      this.resmp1,
    ];
  }
}

function wrap(pos: number): number {
  return pos >= 160 ? pos - 160 : pos < 0 ? pos + 160 : pos;
}

/** RESMPx centres the missile on its player: 4 pixels in, 8 for double width, 16 for quad. */
function playerMiddle(nusiz: number): number {
  const mode = nusiz & 7;
  return mode === 5 ? 8 : mode === 7 ? 16 : 4;
}
