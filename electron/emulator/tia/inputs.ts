/**
 * TIA input ports (../shared/docs/ale-facts.md §5–§6): INPT0–3 read paddle capacitors that VBLANK bit 7
 * dumps to ground; INPT4/5 read the fire buttons.
 */
import type { StateReader, StateWriter } from '../state';

/** Resistance a joystick's analog pins present: INPT0–3 bit 7 stays 0. */
export const MAX_RESISTANCE = 0x7fffffff;

export class TiaInputs {
  private readonly resistance = new Float64Array([MAX_RESISTANCE, MAX_RESISTANCE, MAX_RESISTANCE, MAX_RESISTANCE]);
  private readonly fire = [false, false];
  private dumpEnabled = false;
  /** CPU cycle at which the dump was last removed (int32, rebased at every frame start). */
  private dumpDisabledCycle = 0;

  reset(): void {
    this.dumpEnabled = false;
    this.dumpDisabledCycle = 0;
  }

  setResistance(index: number, resistance: number): void {
    this.resistance[index] = resistance;
  }

  setFire(index: number, pressed: boolean): void {
    this.fire[index] = pressed;
  }

  /** A VBLANK write: bit 7 rising grounds the capacitors, falling starts them charging. */
  vblank(old: number, value: number, cycles: number): void {
    if (!(old & 0x80) && value & 0x80) this.dumpEnabled = true;
    if (old & 0x80 && !(value & 0x80)) {
      this.dumpEnabled = false;
      this.dumpDisabledCycle = cycles | 0;
    }
  }

  /** The CPU cycle counter is about to go back to zero from `cycles`. */
  rebase(cycles: number): void {
    this.dumpDisabledCycle = (this.dumpDisabledCycle - cycles) | 0;
  }

  /** Bit 7 of INPT0–3. */
  paddle(index: number, cycles: number): number {
    const r = this.resistance[index];
    if (r === 0) return 0x80;
    if (r >= MAX_RESISTANCE || this.dumpEnabled) return 0;
    const needed = Math.trunc(1.6 * r * 0.01e-6 * 1.19e6);
    // Stella compares unsigned 32-bit values: a sum below zero wraps and reads as "not charged yet".
    return cycles >>> 0 > ((this.dumpDisabledCycle + needed) | 0) >>> 0 ? 0x80 : 0;
  }

  /** Bit 7 of INPT4/5: 0 while the button is pressed. */
  button(index: number): number {
    return this.fire[index] ? 0 : 0x80;
  }

  save(w: StateWriter): void {
    for (let i = 0; i < 4; i++) w.f64(this.resistance[i]);
    w.bool(this.fire[0]);
    w.bool(this.fire[1]);
    w.bool(this.dumpEnabled);
    w.i32(this.dumpDisabledCycle);
  }

  load(r: StateReader): void {
    for (let i = 0; i < 4; i++) this.resistance[i] = r.f64();
    this.fire[0] = r.bool();
    this.fire[1] = r.bool();
    this.dumpEnabled = r.bool();
    this.dumpDisabledCycle = r.i32();
  }
}
