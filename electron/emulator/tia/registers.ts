/**
 * The TIA's register writes (tia.ts has the frame loop, reads and save states): the effect of each
 * register, and the direct write handlers compiled code calls for stores to a constant address.
 */
import type { CpuControl, WriteHandler } from '../bus';
import { TiaInputs } from './inputs';
import * as tables from './tables';
import * as video from './video';
import { TiaVideo } from './video';
import * as writeFilter from './write-filter';

const LINE = video.LINE;
const HBLANK = video.HBLANK;
const WRITE_DELAYS = tables.WRITE_DELAYS;
const PF_DELAYS = tables.PF_DELAYS;
const hmoveBlankCycle = tables.hmoveBlankCycle;
const resetPlayerWhen = tables.resetPlayerWhen;
const playfieldValue = writeFilter.playfieldValue;
const COLOUR_SLOT = writeFilter.COLOUR_SLOT;

export const NEVER = 0x7fffffff;

/** GRP0, GRP1, ENAM0, ENAM1, ENABL and VDELP0 … RESMP1: the registers TiaObjects.writeGraphics takes. */
export function isGraphicsRegister(reg: number): boolean {
  return (reg >= 0x1b && reg <= 0x1f) || (reg >= 0x25 && reg <= 0x29);
}

export abstract class TiaRegisters extends TiaVideo {
  protected vsync = 0;
  protected vsyncFinish = NEVER;
  protected lastHmove = 0;
  /** First clock at which a TIA write ends the frame by the scanline fallback. */
  protected fallbackClock = 0;
  protected scanlineCount = 0;
  protected colourLoss = false;
  protected partial = false;
  protected hmoveBlanksAllowed = false;
  protected readonly inputs = new TiaInputs();
  /** The clock the last write applied without catching up would have drawn to. */
  protected pendingClock = 0;

  constructor(
    protected readonly cpu: CpuControl,
    yStart: number,
    height: number,
  ) {
    super(yStart, height);
  }

  protected endFrame(): void {
    this.cpu.stop();
    this.partial = false;
  }

  /** GRPx, ENAxx, VDELxx, RESMPx before the fallback clock; a write that changes nothing drawn is quiet. */
  protected writeGraphicsAt(reg: number, value: number, clock: number): void {
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
   * The Bus.writeHandler for register `reg` (Tia.writerFor): what write(reg, value) does at CPU cycle
   * `cycles`, returning the cycle count after it. Graphics, quiet, colour, playfield and the
   * always-drawing registers, which kernels write on every line, skip write()'s dispatch; the
   * frame-ending fallback and every other register take `general` (write() itself).
   */
  protected specialWriter(reg: number, general: WriteHandler): WriteHandler {
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
    if (writeFilter.alwaysDraws(reg) && reg > 0x01) {
      // NUSIZx, CTRLPF, RESxx, HMOVE, CXCLR (VSYNC and VBLANK, which act on the CPU, take write()).
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
  protected lineEndCycle(cycles: number): number {
    const toEnd = 76 - ((cycles - Math.trunc(this.frameStart / 3)) % 76);
    return toEnd < 76 ? cycles + toEnd : cycles;
  }

  protected colourValue(value: number): number {
    return (value & 0xfe) | (this.colourLoss && this.scanlineCount & 1 ? 1 : 0);
  }

  protected writeControl(reg: number, value: number, clock: number): void {
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
        // Stella halts the CPU only when its last bus access was a read (the 6507's RDY line), so a
        // push that follows another write (JSR's second byte) does not wait.
        if (this.cpu.writeFollowsWrite !== true) this.cpu.cycles = this.lineEndCycle(this.cpu.cycles);
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

  protected writePosition(reg: number, clock: number): void {
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
}
