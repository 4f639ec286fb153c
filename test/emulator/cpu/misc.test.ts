/** Reset, status byte, wrap-arounds, the JMP indirect bug, KIL, undocumented stores, save states, programs. */
import { describe, expect, it } from 'vitest';
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';
import { StateReader, StateWriter } from '../../../electron/emulator/state';
import { C, LoggingBus, machine, machineWith, Z } from './helpers';

describe('reset (ale-facts §5)', () => {
  it('clears registers and flags, loads PC from $FFFC, charges no cycles', () => {
    const bus = new LoggingBus();
    bus.mem[0xfffc] = 0x34;
    bus.mem[0xfffd] = 0xf2;
    const cpu = new Cpu6507(bus);
    bus.cpu = cpu;
    Object.assign(cpu, { a: 1, x: 2, y: 3, sp: 4, cycles: 99, instructions: 5 });
    cpu.p = 0xff;
    bus.logging = true;
    cpu.reset();
    expect([cpu.a, cpu.x, cpu.y, cpu.sp, cpu.pc, cpu.p, cpu.cycles]).toEqual([0, 0, 0, 0xff, 0xf234, 0x30, 0]);
    expect(cpu.instructions).toBe(5); // a running total, not cleared by reset
    expect(bus.log.map((a) => [a.kind, a.address])).toEqual([
      ['read', 0xfffc],
      ['read', 0xfffd],
    ]);
  });

  it('B and bit 5 always read as 1', () => {
    const { cpu } = machineWith([0xea]);
    cpu.p = 0x00;
    expect(cpu.p).toBe(0x30);
    cpu.p = 0xcf;
    expect(cpu.p).toBe(0xff);
  });
});

describe('wrap-arounds', () => {
  it('stack pointer wraps in page one', () => {
    const { cpu, bus } = machine('  pha\n  pla');
    cpu.sp = 0x00;
    cpu.a = 0x99;
    cpu.execute(1);
    expect(bus.mem[0x100]).toBe(0x99);
    expect(cpu.sp).toBe(0xff);
    cpu.a = 0;
    cpu.execute(1);
    expect([cpu.a, cpu.sp]).toEqual([0x99, 0x00]);
    expect(bus.log.slice(-2).map((a) => a.address)).toEqual([0x1ff, 0x100]);
  });

  it('JSR and RTS wrap the stack', () => {
    const { cpu, bus } = machine('  jsr sub\n  nop\nsub rts');
    cpu.sp = 0x00;
    cpu.execute(1);
    expect([bus.mem[0x100], bus.mem[0x1ff], cpu.sp]).toEqual([0x10, 0x02, 0xfe]);
    cpu.execute(1);
    expect([cpu.pc, cpu.sp]).toEqual([0x1003, 0x00]);
  });

  it('zero-page indexed addresses wrap within page zero', () => {
    const { cpu, bus } = machine('  lda $f0,x\n  ldx $f0,y\n  stx $ff,y');
    bus.mem[0x10] = 0x11;
    bus.mem[0x08] = 0x22;
    bus.mem[0x110] = 0xee;
    cpu.x = 0x20;
    cpu.y = 0x18;
    cpu.execute(3);
    expect([cpu.a, cpu.x, bus.mem[0x17]]).toEqual([0x11, 0x22, 0x22]);
  });

  it('(zp,X) and (zp),Y pointers wrap within page zero', () => {
    const { cpu, bus } = machine('  lda ($f0,x)\n  tax\n  lda ($ff),y');
    bus.mem[0xff] = 0x34;
    bus.mem[0x00] = 0x12;
    bus.mem[0x100] = 0x56; // must not be used
    bus.mem[0x1234] = 0xaa;
    bus.mem[0x1235] = 0xbb;
    cpu.x = 0x0f;
    cpu.y = 0x01;
    cpu.execute(3);
    expect([cpu.x, cpu.a]).toEqual([0xaa, 0xbb]);
  });

  it('absolute indexed addresses wrap at $FFFF (with the page penalty)', () => {
    const { cpu, bus } = machine('  lda $ffff,x');
    bus.mem[0x0001] = 0x5c;
    cpu.x = 2;
    cpu.execute(1);
    expect([cpu.a, cpu.cycles]).toEqual([0x5c, 5]);
  });

  it('JMP ($xxFF) takes the high byte from the start of the same page', () => {
    const { cpu, bus } = machine('  jmp ($20ff)');
    bus.mem[0x20ff] = 0x78;
    bus.mem[0x2000] = 0x56;
    bus.mem[0x2100] = 0x99;
    cpu.execute(1);
    expect([cpu.pc, cpu.cycles]).toEqual([0x5678, 5]);
    const other = machine('  jmp ($2080)');
    other.bus.mem.set([0x00, 0x30], 0x2080);
    other.cpu.execute(1);
    expect(other.cpu.pc).toBe(0x3000);
  });
});

describe('KIL / JAM', () => {
  it.each([0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2])('$%s jams until reset', (op) => {
    const { cpu, bus } = machineWith([0xe8, op, 0xe8]);
    expect(cpu.execute(10)).toBe(2);
    expect([cpu.jammed, cpu.x, cpu.pc, cpu.cycles]).toEqual([true, 1, 0x1002, 4]);
    const accesses = bus.log.length;
    expect(cpu.execute(10)).toBe(0);
    expect(bus.log.length).toBe(accesses);
    cpu.reset();
    expect(cpu.jammed).toBe(false);
    expect(cpu.execute(1)).toBe(1);
  });
});

describe('undocumented stores', () => {
  it('SHX/SHY/SHA/TAS use the high byte of the final (indexed) address + 1', () => {
    const { cpu, bus } = machine('  shx $20f0,y\n  shy $20f0,x\n  sha $30f0,y\n  shs $40f0,y\n  sha ($80),y');
    bus.mem[0x80] = 0xf0;
    bus.mem[0x81] = 0x50;
    cpu.a = 0xff;
    cpu.x = 0x20;
    cpu.y = 0x20;
    cpu.execute(5);
    expect(bus.mem[0x2110]).toBe(0x20 & 0x22);
    expect(bus.mem[0x3110]).toBe(0xff & 0x20 & 0x32);
    expect(cpu.sp).toBe(0x20);
    expect(bus.mem[0x4110]).toBe(0x20 & 0x42);
    expect(bus.mem[0x5110]).toBe(0x20 & 0x52);
    expect(cpu.cycles).toBe(5 + 5 + 5 + 5 + 6);
  });

  it('SHX at high byte $FF stores 0', () => {
    const { cpu, bus } = machine('  shx $ff00,y');
    cpu.x = 0xff;
    cpu.y = 0x05;
    bus.mem[0xff05] = 0x77;
    cpu.execute(1);
    expect(bus.mem[0xff05]).toBe(0);
  });
});

describe('save state', () => {
  const program = `
start
  ldx #0
loop
  lda $80,x
  sed
  clc
  adc #$17
  cld
  sta $80,x
  inx
  txa
  and #$07
  tax
  php
  pla
  eor $90
  sta $90
  jmp loop
`;

  it('round-trips registers, flags, cycles, counters and jam state exactly', () => {
    const { cpu, bus } = machine(program);
    cpu.execute(1234);
    const w = new StateWriter();
    cpu.saveState(w);
    const state = w.finish();
    const memory = bus.mem.slice();
    cpu.execute(777);
    const after = [cpu.a, cpu.x, cpu.y, cpu.sp, cpu.pc, cpu.p, cpu.cycles, cpu.instructions];

    const copy = machineWith([], 0x1000);
    copy.bus.mem.set(memory);
    const r = new StateReader(state);
    copy.cpu.loadState(r);
    expect(r.done).toBe(true);
    copy.cpu.execute(777);
    const c = copy.cpu;
    expect([c.a, c.x, c.y, c.sp, c.pc, c.p, c.cycles, c.instructions]).toEqual(after);
    expect(copy.bus.mem).toEqual(bus.mem);
  });

  it('keeps a jammed CPU jammed', () => {
    const { cpu } = machineWith([0x02]);
    cpu.execute(1);
    const w = new StateWriter();
    cpu.saveState(w);
    const other = machineWith([0xea]);
    other.cpu.loadState(new StateReader(w.finish()));
    expect(other.cpu.jammed).toBe(true);
    expect(other.cpu.execute(5)).toBe(0);
  });

  it('rejects a truncated state', () => {
    const { cpu } = machineWith([0xea]);
    expect(() => cpu.loadState(new StateReader(new Uint8Array(3)))).toThrow(/truncated/);
  });
});

describe('programs', () => {
  it('multiplies by shift-and-add', () => {
    const source = `
  lda #0
  ldx #8
loop
  lsr $81
  bcc noadd
  clc
  adc $80
noadd
  ror
  ror $82
  dex
  bne loop
  sta $83
done
  jmp done
`;
    for (const [m1, m2] of [
      [13, 11],
      [255, 255],
      [0, 77],
      [128, 2],
    ]) {
      const { cpu, bus } = machine(source);
      bus.mem[0x80] = m1;
      bus.mem[0x81] = m2;
      cpu.execute(200);
      expect([m1, m2, bus.mem[0x83] * 256 + bus.mem[0x82]]).toEqual([m1, m2, m1 * m2]);
    }
  });

  it('adds BCD scores with carry across bytes', () => {
    const { cpu, bus } = machine(`
  sed
  clc
  lda $81
  adc #$75
  sta $81
  lda $80
  adc #$00
  sta $80
  cld
done
  jmp done
`);
    bus.mem[0x80] = 0x09;
    bus.mem[0x81] = 0x50;
    cpu.execute(20);
    expect([bus.mem[0x80], bus.mem[0x81]]).toEqual([0x10, 0x25]);
    expect(cpu.p & (Z | C)).toBe(0);
  });
});
