/**
 * RIOT (MOS 6532): 128 bytes of RAM, the interval timer and the two I/O ports, modelled exactly as the
 * Stella core inside ALE does (../shared/docs/ale-facts.md §5). The timer is lazy: a TIMxT write
 * remembers the value, the prescaler shift and the CPU cycle; INTIM and TIMINT are computed on read.
 * After expiry the timer counts down once per cycle, and a read after expiry re-bases that count
 * (Stella's "read after interrupt" latch), which games that poll INTIM depend on.
 */
import type { StateReader, StateWriter } from '../state';

/** The CPU cycle counter the timer is measured against. */
export interface CycleClock {
  readonly cycles: number;
}

/** 32-bit unsigned random draws (the console's mt19937). */
export interface RandomSource {
  next(): number;
}

export class Riot {
  readonly ram: Uint8Array;
  /** Port A input lines (joysticks / paddle fire), active low; set by the console each frame. */
  swcha = 0xff;
  /** Port B input lines (console switches); set by the console each frame. */
  swchb = 0x3f;

  private timer = 0;
  private intervalShift = 6;
  private cyclesWhenTimerSet = 0;
  private cyclesWhenInterruptReset = 0;
  private timerReadAfterInterrupt = false;
  private ddra = 0;
  private ddrb = 0;

  /** `ram`: where the 128 bytes live (the console puts them in the CPU's fast memory); default its own. */
  constructor(
    private readonly clock: CycleClock,
    rng: RandomSource,
    ram?: Uint8Array,
  ) {
    if (ram !== undefined && ram.length !== 128) throw new Error('RIOT RAM is 128 bytes');
    this.ram = ram ?? new Uint8Array(128);
    for (let i = 0; i < 128; i++) this.ram[i] = rng.next() & 0xff;
    this.reset(rng);
  }

  /** System reset: RAM keeps its contents; the timer restarts at a random value (one draw). */
  reset(rng: RandomSource): void {
    this.timer = 25 + ((rng.next() >>> 0) % 75);
    this.intervalShift = 6;
    this.cyclesWhenTimerSet = 0;
    this.cyclesWhenInterruptReset = 0;
    this.timerReadAfterInterrupt = false;
    this.ddra = 0;
    this.ddrb = 0;
  }

  /** The CPU cycle counter is about to be set back to zero: keep the remembered cycles relative. */
  systemCyclesReset(): void {
    const c = this.clock.cycles;
    this.cyclesWhenTimerSet -= c;
    this.cyclesWhenInterruptReset -= c;
  }

  /** Read from the I/O page ((address & 0x1280) == 0x0280). */
  read(address: number): number {
    switch (address & 7) {
      case 0:
        // The SWCHA read ignores DDRA in this Stella version.
        return this.swcha;
      case 1:
        return this.ddra;
      case 2:
        return this.swchb;
      case 3:
        return this.ddrb;
      case 4:
      case 6:
        return this.readTimer();
      default:
        return this.readInterruptFlag();
    }
  }

  /** Write to the I/O page. */
  write(address: number, value: number): void {
    const low = address & 7;
    if (low === 0) return; // port A output drives nothing the emulated controllers listen to
    if (low === 1) {
      this.ddra = value;
      return;
    }
    if (low === 2 || low === 3) return; // SWCHB and DDRB writes are ignored
    if ((address & 0x14) === 0x14) {
      this.timer = value;
      this.intervalShift = TIMER_SHIFTS[address & 3];
      this.cyclesWhenTimerSet = this.clock.cycles;
      this.timerReadAfterInterrupt = false;
    }
    // (address & 0x14) == 0x04: edge-detect control, not emulated.
  }

  /**
   * What an INTIM read at CPU cycle `cycles` would return, if that read has no side effects: before the
   * timer expires it is a pure function of the cycle. Returns -1 for anything else (other registers,
   * the expired timer, whose reads latch Stella's read-after-interrupt state).
   */
  peekTimer(address: number, cycles: number): number {
    if ((address & 5) !== 4) return -1;
    const delta = cycles - 1 - this.cyclesWhenTimerSet;
    if (delta < 0 || delta > 0x7fffffff) return -1;
    const ticks = delta >>> this.intervalShift;
    const timer = this.timer - ticks - 1;
    if (timer < 0) return -1;
    return timer & 0xff;
  }

  /** Elapsed cycles since the timer was set, as the uint32 Stella computes (cycles - 1 - set). */
  private delta(): number {
    return (this.clock.cycles - 1 - this.cyclesWhenTimerSet) >>> 0;
  }

  private readTimer(): number {
    const delta = this.delta();
    let timer = (this.timer - ((delta >>> this.intervalShift) | 0) - 1) | 0;
    if (timer >= 0) return timer & 0xff;
    timer = ((this.timer << this.intervalShift) - (delta | 0) - 1) | 0;
    if (timer <= -2 && !this.timerReadAfterInterrupt) {
      this.timerReadAfterInterrupt = true;
      this.cyclesWhenInterruptReset = this.clock.cycles;
    }
    if (this.timerReadAfterInterrupt) {
      const offset =
        (this.cyclesWhenInterruptReset - (this.cyclesWhenTimerSet + (this.timer << this.intervalShift))) | 0;
      timer = (this.timer - ((delta >>> this.intervalShift) | 0) - offset) | 0;
    }
    return timer & 0xff;
  }

  private readInterruptFlag(): number {
    const delta = this.delta();
    const timer = (this.timer - ((delta >>> this.intervalShift) | 0) - 1) | 0;
    return timer >= 0 || this.timerReadAfterInterrupt ? 0x00 : 0x80;
  }

  saveState(w: StateWriter): void {
    w.bytes(this.ram);
    w.u8(this.swcha);
    w.u8(this.swchb);
    w.u32(this.timer);
    w.u8(this.intervalShift);
    w.f64(this.cyclesWhenTimerSet);
    w.f64(this.cyclesWhenInterruptReset);
    w.bool(this.timerReadAfterInterrupt);
    w.u8(this.ddra);
    w.u8(this.ddrb);
  }

  loadState(r: StateReader): void {
    r.bytes(this.ram);
    this.swcha = r.u8();
    this.swchb = r.u8();
    this.timer = r.u32();
    this.intervalShift = r.u8();
    this.cyclesWhenTimerSet = r.f64();
    this.cyclesWhenInterruptReset = r.f64();
    this.timerReadAfterInterrupt = r.bool();
    this.ddra = r.u8();
    this.ddrb = r.u8();
  }
}

/** TIM1T, TIM8T, TIM64T, T1024T: log2 of the prescaler, by the low two address bits. */
const TIMER_SHIFTS = [0, 3, 6, 10] as const;
