/** Test doubles for the CPU: a flat 64K-RAM bus that can log every access, and a machine wrapper. */
import type { Bus } from '../../../electron/emulator/bus';
import { Cpu6507, type Cpu6507Options } from '../../../electron/emulator/cpu/cpu-6507';
import { assemble } from '../../support/assemble';

export interface Access {
  kind: 'read' | 'write';
  address: number;
  value: number;
  /** cpu.cycles at the moment of the access. */
  cycles: number;
}

export class LoggingBus implements Bus {
  readonly mem = new Uint8Array(0x10000);
  readonly log: Access[] = [];
  logging = false;
  cpu: Cpu6507 | null = null;
  /** Called on each write after it is stored (e.g. to emulate WSYNC or a frame-end stop()). */
  onWrite: ((address: number, value: number) => void) | null = null;

  read(address: number): number {
    const value = this.mem[address];
    if (this.logging) this.log.push({ kind: 'read', address, value, cycles: this.cpu?.cycles ?? -1 });
    return value;
  }

  write(address: number, value: number): void {
    if (this.logging) this.log.push({ kind: 'write', address, value, cycles: this.cpu?.cycles ?? -1 });
    this.mem[address] = value;
    this.onWrite?.(address, value);
  }
}

export interface Machine {
  bus: LoggingBus;
  cpu: Cpu6507;
}

/** Bytes at `origin` (default $1000), reset vector pointing there, CPU reset; logging starts after reset. */
export function machineWith(code: Uint8Array | number[], origin = 0x1000, options?: Cpu6507Options): Machine {
  const bus = new LoggingBus();
  bus.mem.set(code, origin);
  bus.mem[0xfffc] = origin & 0xff;
  bus.mem[0xfffd] = origin >> 8;
  const cpu = new Cpu6507(bus, options);
  bus.cpu = cpu;
  cpu.reset();
  bus.logging = true;
  return { bus, cpu };
}

/** Assembles `source` at `origin` and returns a machine reset to it. */
export function machine(source: string, origin = 0x1000, options?: Cpu6507Options): Machine {
  return machineWith(assemble(source, origin), origin, options);
}

export const hex = (v: number, digits = 2): string => `$${v.toString(16).toUpperCase().padStart(digits, '0')}`;

/** Flag bits of the packed status byte. */
export const N = 0x80;
export const V = 0x40;
/** Bit 5 and B: always read as 1 from this core. */
export const U = 0x30;
export const D = 0x08;
export const I = 0x04;
export const Z = 0x02;
export const C = 0x01;
