/**
 * CPU speed on a flat 64K-RAM bus (not a test; run with `npx tsx test/emulator/cpu/bench-cpu.ts`).
 * Reports instructions/s for a busy loop mixing loads, stores, ALU, indexed modes and branches.
 */
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';
import type { Bus } from '../../../electron/emulator/bus';
import { assemble } from '../../support/assemble';

class FlatBus implements Bus {
  readonly mem = new Uint8Array(0x10000);
  read(address: number): number {
    return this.mem[address];
  }
  write(address: number, value: number): void {
    this.mem[address] = value;
  }
}

const program = assemble(
  `
start
  ldx #0
outer
  lda $80
  clc
  adc #3
  sta $80
  ldy #8
inner
  lda $1100,y
  eor $81
  sta $81
  inc $82
  dey
  bne inner
  inx
  txa
  and #$0f
  tax
  lda ($84),y
  jmp outer
`,
  0x1000,
);

const bus = new FlatBus();
bus.mem.set(program, 0x1000);
bus.mem[0xfffc] = 0x00;
bus.mem[0xfffd] = 0x10;
bus.mem[0x84] = 0x00;
bus.mem[0x85] = 0x11;
const cpu = new Cpu6507(bus);
cpu.reset();

const chunk = 25_000;
const seconds = Number(process.argv[2] ?? 2);
for (let i = 0; i < 400; i++) cpu.execute(chunk); // warm up
let total = 0;
const t0 = performance.now();
let now = t0;
while (now - t0 < seconds * 1000) {
  for (let i = 0; i < 100; i++) total += cpu.execute(chunk);
  now = performance.now();
}
const ips = total / ((now - t0) / 1000);
console.log(
  `${(ips / 1e6).toFixed(1)}M instructions/s (${(cpu.cycles / cpu.instructions).toFixed(2)} cycles/instruction)`,
);
