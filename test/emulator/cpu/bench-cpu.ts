/**
 * CPU speed (not a test; run with `npx tsx test/emulator/cpu/bench-cpu.ts [seconds]`).
 * Reports instructions/s (per second of process CPU time and of wall time) for two busy-loop programs on two buses: a flat 64K RAM, and a bus that decodes
 * addresses the way a 2600 does (13 lines; ROM at A12, RAM at A7 with A9 clear, the rest to a stub).
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

class DecodingBus implements Bus {
  readonly rom = new Uint8Array(0x1000);
  readonly ram = new Uint8Array(0x80);
  readonly io = new Uint8Array(0x80);
  read(address: number): number {
    if (address & 0x1000) return this.rom[address & 0x0fff];
    if ((address & 0x280) === 0x80) return this.ram[address & 0x7f];
    return this.io[address & 0x7f];
  }
  write(address: number, value: number): void {
    if (address & 0x1000) return;
    if ((address & 0x280) === 0x80) this.ram[address & 0x7f] = value;
    else this.io[address & 0x7f] = value;
  }
}

const TIGHT = `
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
`;

// Touches most addressing modes, the stack, subroutines, shifts, decimal mode and a few undocumented ops.
const MIXED = `
start
  ldx #$ff
  txs
loop
  jsr sub
  lda #$10
  sta $86
  ldy #4
fill
  lda $90,x
  asl
  rol $91
  ora ($84),y
  sta $a0,x
  lax $92
  dcp $93
  sax $94
  inx
  dey
  bpl fill
  sed
  clc
  lda $95
  adc #$01
  sta $95
  cld
  bit $96
  bvc skip
  nop
skip
  lsr $97
  ror $98
  cmp #$40
  bcs loop
  jmp loop
sub
  pha
  txa
  pha
  lda $1200,x
  sbc #$02
  pla
  tax
  pla
  rts
`;

function bench(name: string, bus: FlatBus | DecodingBus, source: string, seconds: number): void {
  const code = assemble(source, 0x1000);
  if (bus instanceof FlatBus) {
    bus.mem.set(code, 0x1000);
    bus.mem.set([0x00, 0x10], 0xfffc);
    bus.mem.set([0x00, 0x11], 0x84);
  } else {
    bus.rom.set(code);
    bus.rom.set([0x00, 0x10], 0xffc);
    bus.ram.set([0x00, 0x11], 0x04);
  }
  const cpu = new Cpu6507(bus);
  cpu.reset();
  const chunk = 25_000;
  for (let i = 0; i < 400; i++) cpu.execute(chunk); // warm up
  let total = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let now = t0;
  while (now - t0 < seconds * 1000) {
    for (let i = 0; i < 40; i++) total += cpu.execute(chunk);
    now = performance.now();
  }
  const used = process.cpuUsage(cpu0);
  const wall = total / ((now - t0) / 1000) / 1e6;
  // Per second of this process's own CPU time: steadier than wall time on a shared machine.
  const own = total / ((used.user + used.system) / 1e6) / 1e6;
  const cpi = (cpu.cycles / cpu.instructions).toFixed(2);
  console.log(
    `${name.padEnd(12)} ${own.toFixed(1).padStart(6)}M instructions per CPU-second, ${wall.toFixed(1)}M per wall-second (${cpi} cycles/instruction)`,
  );
}

// One case per process keeps the bus call sites monomorphic, as they are in the emulator:
// `bench-cpu.ts [seconds] [tight-flat|mixed-flat|tight-2600|mixed-2600]` (default: all, less exact).
const seconds = Number(process.argv[2] ?? 1);
const only = process.argv[3];
const cases: [string, () => FlatBus | DecodingBus, string][] = [
  ['tight-flat', () => new FlatBus(), TIGHT],
  ['mixed-flat', () => new FlatBus(), MIXED],
  ['tight-2600', () => new DecodingBus(), TIGHT],
  ['mixed-2600', () => new DecodingBus(), MIXED],
];
for (const [name, makeBus, source] of cases) if (!only || only === name) bench(name, makeBus(), source, seconds);
