/**
 * The CPU's view of the console: 13 address lines (the 6507), one data bus.
 * The console's bus decodes TIA / RIOT / cartridge and records the last value on the data bus,
 * which the TIA's undriven read bits return (see ../shared/docs/ale-facts.md §5).
 */
export interface Bus {
  read(address: number): number;
  write(address: number, value: number): void;
  /**
   * Optional: a function that performs a CPU write to this fixed address exactly as `write` would, given
   * and returning the CPU cycle count (cycles: as the CPU's slow write path keeps them), or null when the
   * address needs the general path. Compiled code calls it for stores to constant addresses.
   */
  writeHandler?(address: number): WriteHandler | null;
}

/** A write to one fixed address: takes the cycle count and the value, returns the cycle count after it. */
export type WriteHandler = (cycles: number, value: number) => number;

/**
 * What the TIA needs from the CPU: the CPU cycle counter (accesses are timestamped with it; WSYNC
 * advances it), and the frame loop's run/stop controls.
 */
export interface CpuControl {
  /** CPU cycles since the last system reset. The TIA may add to it (WSYNC). */
  cycles: number;
  /** Runs until stop() is called during an instruction or `maxInstructions` have run; returns the count run. */
  execute(maxInstructions: number): number;
  /** Ends execute() after the current instruction. */
  stop(): void;
  /** True while the bus write in progress directly follows another write (Cpu6507.writeFollowsWrite). */
  readonly writeFollowsWrite?: boolean;
}
