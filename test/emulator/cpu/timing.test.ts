/** When cycles are charged, which accesses each instruction makes, and run/stop control. */
import { describe, expect, it } from 'vitest';
import { machine, machineWith, type Access } from './helpers';

const r = (address: number, value: number, cycles: number): Access => ({ kind: 'read', address, value, cycles });
const w = (address: number, value: number, cycles: number): Access => ({ kind: 'write', address, value, cycles });

describe('cycle charging', () => {
  it('charges the base count after the opcode fetch, before the operand accesses', () => {
    const { cpu, bus } = machine('  lda $2345\n  sta $80');
    bus.mem[0x2345] = 0x77;
    cpu.execute(2);
    expect(bus.log).toEqual([
      r(0x1000, 0xad, 0),
      r(0x1001, 0x45, 4),
      r(0x1002, 0x23, 4),
      r(0x2345, 0x77, 4),
      r(0x1003, 0x85, 4),
      r(0x1004, 0x80, 7),
      w(0x0080, 0x77, 7),
    ]);
    expect(cpu.cycles).toBe(7);
  });

  it.each([
    ['lda $20f0,x', 0x0f, 4],
    ['lda $20f0,x', 0x10, 5],
    ['lda $20f0,y', 0x10, 5],
    ['ldx $20f0,y', 0x10, 5],
    ['ldy $20f0,x', 0x10, 5],
    ['lax $20f0,y', 0x10, 5],
    ['las $20f0,y', 0x10, 5],
    ['adc $20f0,x', 0x10, 5],
    ['nop $20f0,x', 0x10, 5],
    ['sta $20f0,x', 0x10, 5],
    ['sta $20f0,y', 0x0f, 5],
    ['inc $20f0,x', 0x10, 7],
    ['dcp $20f0,y', 0x10, 7],
    ['lda $fff0,x', 0x20, 5],
  ])('%s with index $%s takes %i cycles', (src, index, cycles) => {
    const { cpu } = machine(`  ${src}`);
    cpu.x = cpu.y = index;
    cpu.execute(1);
    expect(cpu.cycles).toBe(cycles);
  });

  it('adds the page-cross penalty before the data read', () => {
    const { cpu, bus } = machine('  lda $20f0,x');
    cpu.x = 0x20;
    bus.mem[0x2110] = 0x42;
    cpu.execute(1);
    expect(bus.log.slice(1)).toEqual([r(0x1001, 0xf0, 4), r(0x1002, 0x20, 4), r(0x2110, 0x42, 5)]);
    expect(cpu.a).toBe(0x42);
  });

  it('charges (zp),Y reads crossing a page, not (zp),Y writes', () => {
    for (const [src, y, cycles] of [
      ['lda ($80),y', 0x0f, 5],
      ['lda ($80),y', 0x10, 6],
      ['sta ($80),y', 0x10, 6],
      ['slo ($80),y', 0x10, 8],
    ] as const) {
      const { cpu, bus } = machine(`  ${src}`);
      bus.mem[0x80] = 0xf0;
      bus.mem[0x81] = 0x20;
      cpu.y = y;
      cpu.execute(1);
      expect([src, y, cpu.cycles]).toEqual([src, y, cycles]);
    }
  });

  it('times branches: 2 not taken, 3 taken, 4 taken to another page', () => {
    const cases: [number, string, number][] = [
      [0x1000, '  clc\n  bcs later\n  nop\nlater nop', 2],
      [0x1000, '  clc\n  bcc later\n  nop\nlater nop', 3],
      [0x10f0, '  clc\n  bcc later\n  ds 16\nlater nop', 4],
      [0x1000, 'back nop\n  clc\n  bcc back', 3],
      [0x1100, 'back nop\n  clc\n  bcc back', 3],
      [0x10fe, 'back nop\n  clc\n  bcc back', 4],
    ];
    for (const [origin, src, cycles] of cases) {
      const { cpu } = machine(src, origin);
      if (src.startsWith('back')) cpu.execute(1);
      cpu.execute(1);
      const before = cpu.cycles;
      cpu.execute(1);
      expect([origin, src, cpu.cycles - before]).toEqual([origin, src, cycles]);
    }
  });

  it('judges the branch page from the address after the operand', () => {
    // BNE at $10FD/$10FE: next instruction at $10FF; +0 offset lands on $10FF (same page, 3 cycles),
    // +1 on $1100 (other page, 4 cycles).
    for (const [offset, cycles] of [
      [0, 3],
      [1, 4],
    ]) {
      const { cpu } = machineWith([0xd0, offset], 0x10fd);
      cpu.p = 0x30;
      cpu.execute(1);
      expect([offset, cpu.cycles, cpu.pc]).toEqual([offset, cycles, 0x10ff + offset]);
    }
  });

  it('picks up cycles the bus adds during a write (WSYNC)', () => {
    const { cpu, bus } = machine('  sta $02\n  lda $80');
    bus.onWrite = (address) => {
      if (address === 0x02) cpu.cycles += 50;
    };
    cpu.execute(2);
    expect(bus.log.map((a) => a.cycles)).toEqual([0, 3, 3, 53, 56, 56]);
    expect(cpu.cycles).toBe(56);
  });
});

describe('writes that follow a write (the WSYNC halt needs a read before it)', () => {
  it.each([
    ['jsr $1234', [false, true]],
    ['brk', [false, true, true]],
    ['pha', [false]],
    ['php', [false]],
    ['inc $2345', [false]],
    ['sta $02', [false]],
  ])('%s flags its writes %j', (src, flags) => {
    const { cpu, bus } = machine(`  ${src}`);
    const seen: boolean[] = [];
    bus.onWrite = () => seen.push(cpu.writeFollowsWrite);
    cpu.execute(1);
    expect(seen).toEqual(flags);
    expect(cpu.writeFollowsWrite).toBe(false);
  });
});

describe('accesses per instruction', () => {
  it('read-modify-write: one read and one write', () => {
    const { cpu, bus } = machine('  inc $2345');
    bus.mem[0x2345] = 0x41;
    cpu.execute(1);
    expect(bus.log.slice(3)).toEqual([r(0x2345, 0x41, 6), w(0x2345, 0x42, 6)]);
  });

  it('stores make no read of their target', () => {
    const { cpu, bus } = machine('  sta $2300,x');
    cpu.x = 0xff;
    cpu.execute(1);
    expect(bus.log.map((a) => a.kind)).toEqual(['read', 'read', 'read', 'write']);
    expect(bus.log[3].address).toBe(0x23ff);
  });

  it('undocumented NOPs read their operand address', () => {
    const { cpu, bus } = machine('  nop $1ff8\n  nop $85\n  nop $70,x\n  nop $1ff0,x\n  .byte $80, $12');
    cpu.x = 0x09;
    cpu.execute(5);
    const reads = bus.log.map((a) => a.address);
    expect(reads).toEqual([
      0x1000, 0x1001, 0x1002, 0x1ff8, 0x1003, 0x1004, 0x0085, 0x1005, 0x1006, 0x0079, 0x1007, 0x1008, 0x1009, 0x1ff9,
      0x100a, 0x100b,
    ]);
    expect(cpu.cycles).toBe(4 + 3 + 4 + 4 + 2);
  });

  it('JSR: operand low byte, stack read, pushes, then the high byte', () => {
    const { cpu, bus } = machine('  jsr $1234');
    cpu.execute(1);
    expect(bus.log).toEqual([
      r(0x1000, 0x20, 0),
      r(0x1001, 0x34, 6),
      r(0x01ff, 0x00, 6),
      w(0x01ff, 0x10, 6),
      w(0x01fe, 0x02, 6),
      r(0x1002, 0x12, 6),
    ]);
    expect([cpu.pc, cpu.sp]).toEqual([0x1234, 0xfd]);
  });

  it('RTS: stack read, pull, then a read at the pulled address', () => {
    const { cpu, bus } = machine('  jsr sub\n  nop\nsub rts');
    cpu.execute(1);
    bus.log.length = 0;
    cpu.execute(1);
    expect(bus.log).toEqual([
      r(0x1004, 0x60, 6),
      r(0x01fd, 0x00, 12),
      r(0x01fe, 0x02, 12),
      r(0x01ff, 0x10, 12),
      r(0x1002, 0x10, 12),
    ]);
    expect([cpu.pc, cpu.sp, cpu.cycles]).toEqual([0x1003, 0xff, 12]);
  });

  it('PHA/PHP push; PLA/PLP read the old top, then pull', () => {
    const { cpu, bus } = machine('  pha\n  php\n  pla\n  plp');
    cpu.a = 0x5a;
    cpu.p = 0xc3;
    cpu.execute(4);
    expect(bus.log.filter((a) => a.address >= 0x100 && a.address < 0x200)).toEqual([
      w(0x01ff, 0x5a, 3),
      w(0x01fe, 0xf3, 6),
      r(0x01fd, 0x00, 10),
      r(0x01fe, 0xf3, 10),
      r(0x01fe, 0xf3, 14),
      r(0x01ff, 0x5a, 14),
    ]);
    expect([cpu.a, cpu.p, cpu.sp]).toEqual([0xf3, 0x7a, 0xff]);
  });

  it('BRK: padding byte read, pushes PC+2 and P with B, sets I, jumps through $FFFE; RTI returns', () => {
    const { cpu, bus } = machine('  brk\n  .byte $ea\n  nop');
    bus.mem.set([0x40], 0x2000); // RTI
    bus.mem[0xfffe] = 0x00;
    bus.mem[0xffff] = 0x20;
    cpu.p = 0xc3;
    cpu.execute(1);
    expect(bus.log).toEqual([
      r(0x1000, 0x00, 0),
      r(0x1001, 0xea, 7),
      w(0x01ff, 0x10, 7),
      w(0x01fe, 0x02, 7),
      w(0x01fd, 0xf3, 7),
      r(0xfffe, 0x00, 7),
      r(0xffff, 0x20, 7),
    ]);
    expect([cpu.pc, cpu.sp, cpu.p]).toEqual([0x2000, 0xfc, 0xf7]);
    bus.log.length = 0;
    cpu.execute(1);
    expect(bus.log.map((a) => [a.kind, a.address])).toEqual([
      ['read', 0x2000],
      ['read', 0x01fc],
      ['read', 0x01fd],
      ['read', 0x01fe],
      ['read', 0x01ff],
    ]);
    expect([cpu.pc, cpu.sp, cpu.p, cpu.cycles]).toEqual([0x1002, 0xff, 0xf3, 13]);
  });
});

describe('execute and stop', () => {
  it('runs the requested number of instructions and counts them', () => {
    const { cpu } = machine('loop inx\n  jmp loop');
    expect(cpu.execute(10)).toBe(10);
    expect(cpu.execute(5)).toBe(5);
    expect(cpu.instructions).toBe(15);
    expect(cpu.x).toBe(8);
    expect(cpu.execute(0)).toBe(0);
  });

  it('ends after the instruction during which stop() was called', () => {
    const { cpu, bus } = machine('loop inx\n  stx $01\n  nop\n  jmp loop');
    bus.onWrite = (address) => {
      if (address === 0x01) cpu.stop();
    };
    expect(cpu.execute(100)).toBe(2);
    expect(cpu.pc).toBe(0x1003);
    expect(cpu.execute(100)).toBe(4);
    expect(cpu.instructions).toBe(6);
  });

  it('forgets a stop() made outside execute', () => {
    const { cpu } = machine('loop inx\n  jmp loop');
    cpu.stop();
    expect(cpu.execute(7)).toBe(7);
  });
});
