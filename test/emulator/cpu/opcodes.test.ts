/** Every opcode: base cycle count, and results and flags across all of its addressing modes. */
import { describe, expect, it } from 'vitest';
import { BASE_CYCLES } from '../../../electron/emulator/cpu/cycle-table';
import { C, D, hex, I, machineWith, N, U, V, Z } from './helpers';
import { datasheetCycles, kindOf, OPCODES, type Mode, type OpcodeInfo } from './opcode-matrix';

interface Regs {
  a?: number;
  x?: number;
  y?: number;
  p?: number;
  sp?: number;
  /** The operand value (imm byte, or the byte at the effective address). */
  m?: number;
}

const ZP = 0x40;
const ABS = 0x2340;

function operandBytes(mode: Mode): number[] {
  if (mode === 'abs' || mode === 'abx' || mode === 'aby' || mode === 'ind') return [ABS & 0xff, ABS >> 8];
  if (mode === 'imp' || mode === 'acc') return [];
  return [ZP];
}

/** Runs one instruction from $1000 with the given registers and operand; returns registers and memory. */
function run(info: OpcodeInfo, regs: Regs) {
  const { x = 0, y = 0 } = regs;
  const m = machineWith([info.opcode, ...operandBytes(info.mode)]);
  const { cpu, bus } = m;
  cpu.a = regs.a ?? 0;
  cpu.x = x;
  cpu.y = y;
  cpu.p = regs.p ?? U;
  if (regs.sp !== undefined) cpu.sp = regs.sp;
  let ea = -1;
  switch (info.mode) {
    case 'zp':
      ea = ZP;
      break;
    case 'zpx':
      ea = (ZP + x) & 0xff;
      break;
    case 'zpy':
      ea = (ZP + y) & 0xff;
      break;
    case 'abs':
      ea = ABS;
      break;
    case 'abx':
      ea = ABS + x;
      break;
    case 'aby':
      ea = ABS + y;
      break;
    case 'izx': {
      const ptr = (ZP + x) & 0xff;
      bus.mem[ptr] = ABS & 0xff;
      bus.mem[(ptr + 1) & 0xff] = ABS >> 8;
      ea = ABS;
      break;
    }
    case 'izy':
      bus.mem[ZP] = ABS & 0xff;
      bus.mem[ZP + 1] = ABS >> 8;
      ea = ABS + y;
      break;
    case 'imm':
      bus.mem[0x1001] = regs.m ?? 0;
      break;
  }
  if (ea >= 0) bus.mem[ea] = regs.m ?? 0;
  expect(cpu.execute(1)).toBe(1);
  return {
    a: cpu.a,
    x: cpu.x,
    y: cpu.y,
    p: cpu.p,
    sp: cpu.sp,
    m: ea >= 0 ? bus.mem[ea] : info.mode === 'imm' ? bus.mem[0x1001] : undefined,
    cpu,
  };
}

describe('base cycle counts', () => {
  it.each(OPCODES.map((o) => [hex(o.opcode), o] as const))('%s', (_name, info) => {
    const expected = info.opcode === 0xa7 ? 4 : datasheetCycles(info);
    expect(BASE_CYCLES[info.opcode]).toBe(expected);
    // Branches are set up not to be taken; X = Y = 0 so nothing crosses a page.
    const notTakenWhenClear = ['BMI', 'BVS', 'BCS', 'BEQ'].includes(info.mnemonic);
    const p = info.mode === 'rel' && !notTakenWhenClear ? U | N | V | Z | C : U;
    const { cpu } = run(info, { p, sp: 0xf0 });
    expect(cpu.cycles).toBe(expected);
    expect(cpu.jammed).toBe(info.mnemonic === 'KIL');
  });
});

interface Case {
  in: Regs;
  out: Regs;
}

/** Results by mnemonic; each case runs in every addressing mode the mnemonic has. */
const CASES: Record<string, Case[]> = {
  ORA: [
    { in: { a: 0x0f, m: 0xf0 }, out: { a: 0xff, p: U | N } },
    { in: { a: 0, m: 0, p: U | N }, out: { a: 0, p: U | Z } },
  ],
  AND: [
    { in: { a: 0xf0, m: 0x0f }, out: { a: 0, p: U | Z } },
    { in: { a: 0xff, m: 0x80, p: U | C }, out: { a: 0x80, p: U | N | C } },
  ],
  EOR: [
    { in: { a: 0xff, m: 0x0f }, out: { a: 0xf0, p: U | N } },
    { in: { a: 0x55, m: 0x55 }, out: { a: 0, p: U | Z } },
  ],
  ADC: [
    { in: { a: 0x50, m: 0x50 }, out: { a: 0xa0, p: U | N | V } },
    { in: { a: 0xff, m: 0x01 }, out: { a: 0x00, p: U | Z | C } },
    { in: { a: 0x01, m: 0x01, p: U | C }, out: { a: 0x03, p: U } },
    { in: { a: 0x80, m: 0xff }, out: { a: 0x7f, p: U | V | C } },
  ],
  SBC: [
    { in: { a: 0x50, m: 0xf0, p: U | C }, out: { a: 0x60, p: U } },
    { in: { a: 0x50, m: 0xb0, p: U | C }, out: { a: 0xa0, p: U | N | V } },
    { in: { a: 0x05, m: 0x05, p: U | C }, out: { a: 0x00, p: U | Z | C } },
    { in: { a: 0x05, m: 0x05 }, out: { a: 0xff, p: U | N } },
  ],
  CMP: [
    { in: { a: 0x40, m: 0x40 }, out: { a: 0x40, p: U | Z | C } },
    { in: { a: 0x40, m: 0x41 }, out: { a: 0x40, p: U | N } },
    { in: { a: 0x40, m: 0x3f }, out: { a: 0x40, p: U | C } },
  ],
  CPX: [
    { in: { x: 0x40, m: 0x40 }, out: { x: 0x40, p: U | Z | C } },
    { in: { x: 0x40, m: 0x41 }, out: { p: U | N } },
  ],
  CPY: [
    { in: { y: 0x40, m: 0x40 }, out: { y: 0x40, p: U | Z | C } },
    { in: { y: 0x00, m: 0x01 }, out: { p: U | N } },
  ],
  BIT: [
    { in: { a: 0x01, m: 0xc0 }, out: { a: 0x01, p: U | Z | N | V } },
    { in: { a: 0x41, m: 0x01, p: U | N | V }, out: { p: U } },
  ],
  LDA: [
    { in: { m: 0x00, p: U | N }, out: { a: 0, p: U | Z } },
    { in: { m: 0x80 }, out: { a: 0x80, p: U | N } },
  ],
  LDX: [
    { in: { m: 0x00 }, out: { x: 0, p: U | Z } },
    { in: { m: 0x81 }, out: { x: 0x81, p: U | N } },
  ],
  LDY: [
    { in: { m: 0x00 }, out: { y: 0, p: U | Z } },
    { in: { m: 0x82 }, out: { y: 0x82, p: U | N } },
  ],
  LAX: [
    { in: { m: 0x00 }, out: { a: 0, x: 0, p: U | Z } },
    { in: { m: 0x83 }, out: { a: 0x83, x: 0x83, p: U | N } },
  ],
  STA: [{ in: { a: 0x5a, m: 0, p: U | Z }, out: { m: 0x5a, p: U | Z } }],
  STX: [{ in: { x: 0x12, m: 0 }, out: { m: 0x12, p: U } }],
  STY: [{ in: { y: 0x13, m: 0 }, out: { m: 0x13, p: U } }],
  SAX: [{ in: { a: 0xf0, x: 0x3c, m: 0 }, out: { m: 0x30, p: U } }],
  ASL: [
    { in: { m: 0x81 }, out: { m: 0x02, p: U | C } },
    { in: { m: 0x40, p: U | C }, out: { m: 0x80, p: U | N } },
  ],
  LSR: [
    { in: { m: 0x01 }, out: { m: 0x00, p: U | Z | C } },
    { in: { m: 0x80 }, out: { m: 0x40, p: U } },
  ],
  ROL: [
    { in: { m: 0x80, p: U | C }, out: { m: 0x01, p: U | C } },
    { in: { m: 0x40 }, out: { m: 0x80, p: U | N } },
  ],
  ROR: [
    { in: { m: 0x01, p: U | C }, out: { m: 0x80, p: U | N | C } },
    { in: { m: 0x02 }, out: { m: 0x01, p: U } },
  ],
  INC: [
    { in: { m: 0xff }, out: { m: 0x00, p: U | Z } },
    { in: { m: 0x7f }, out: { m: 0x80, p: U | N } },
  ],
  DEC: [
    { in: { m: 0x00 }, out: { m: 0xff, p: U | N } },
    { in: { m: 0x01 }, out: { m: 0x00, p: U | Z } },
  ],
  SLO: [{ in: { a: 0x10, m: 0x81 }, out: { a: 0x12, m: 0x02, p: U | C } }],
  RLA: [{ in: { a: 0xff, m: 0x81, p: U | C }, out: { a: 0x03, m: 0x03, p: U | C } }],
  SRE: [{ in: { a: 0x01, m: 0x03 }, out: { a: 0x00, m: 0x01, p: U | Z | C } }],
  RRA: [
    // ROR gives $01 with C = 1, then ADC adds that carry: $10 + $01 + 1.
    { in: { a: 0x10, m: 0x03 }, out: { a: 0x12, m: 0x01, p: U } },
    { in: { a: 0x7f, m: 0x02, p: U | C }, out: { a: 0x00, m: 0x81, p: U | Z | C } },
  ],
  DCP: [
    { in: { a: 0x40, m: 0x41 }, out: { a: 0x40, m: 0x40, p: U | Z | C } },
    { in: { a: 0x40, m: 0x00 }, out: { m: 0xff, p: U } },
  ],
  ISB: [
    { in: { a: 0x20, m: 0x0f, p: U | C }, out: { a: 0x10, m: 0x10, p: U | C } },
    { in: { a: 0x00, m: 0xff, p: U | C }, out: { a: 0x00, m: 0x00, p: U | Z | C } },
  ],
  NOP: [{ in: { a: 0x12, m: 0x34, p: U | C }, out: { a: 0x12, m: 0x34, p: U | C } }],
  ANC: [
    { in: { a: 0xff, m: 0x80 }, out: { a: 0x80, p: U | N | C } },
    { in: { a: 0xff, m: 0x7f, p: U | C }, out: { a: 0x7f, p: U } },
  ],
  ASR: [{ in: { a: 0xff, m: 0x03 }, out: { a: 0x01, p: U | C } }],
  ARR: [
    { in: { a: 0xff, m: 0xff, p: U | C }, out: { a: 0xff, p: U | N | C } },
    { in: { a: 0xff, m: 0x7f }, out: { a: 0x3f, p: U | V } },
    { in: { a: 0xff, m: 0xc0 }, out: { a: 0x60, p: U | C } },
  ],
  SBX: [
    { in: { a: 0xff, x: 0x0f, m: 0x01 }, out: { a: 0xff, x: 0x0e, p: U | C } },
    { in: { a: 0x00, x: 0xff, m: 0x01 }, out: { x: 0xff, p: U | N } },
  ],
  ANE: [{ in: { a: 0x00, x: 0xff, m: 0xff }, out: { a: 0xee, p: U | N } }],
  LXA: [{ in: { a: 0x11, m: 0x0f }, out: { a: 0x0f, x: 0x0f, p: U } }],
  LAS: [{ in: { sp: 0xf0, m: 0x3c }, out: { a: 0x30, x: 0x30, sp: 0x30, p: U } }],
  // Stores of reg & (high byte of the effective address + 1); the harness's addresses are $23xx.
  SHA: [{ in: { a: 0xff, x: 0xff, m: 0 }, out: { m: 0x24 } }],
  SHX: [{ in: { x: 0x3f, m: 0 }, out: { m: 0x24 } }],
  SHY: [{ in: { y: 0x2f, m: 0 }, out: { m: 0x24 } }],
  TAS: [{ in: { a: 0xf7, x: 0x3e, m: 0 }, out: { sp: 0x36, m: 0x24 } }],
};

describe('results and flags in every addressing mode', () => {
  const withOperand = OPCODES.filter((o) => kindOf(o) !== 'other');
  const rows = withOperand.flatMap((info) =>
    (CASES[info.mnemonic] ?? []).map(
      (c, i) => [`${hex(info.opcode)} ${info.mnemonic} ${info.mode} #${i}`, info, c] as const,
    ),
  );

  it('covers every opcode with an operand', () => {
    const missing = withOperand.filter((o) => !CASES[o.mnemonic]).map((o) => o.mnemonic);
    expect(missing).toEqual([]);
  });

  it.each(rows)('%s', (_name, info, c) => {
    const got = run(info, c.in);
    for (const key of Object.keys(c.out) as (keyof Regs)[]) {
      expect([key, got[key]]).toEqual([key, c.out[key]]);
    }
  });
});

const IMPLIED: [string, Regs, Regs][] = [
  ['CLC', { p: U | C | N }, { p: U | N }],
  ['SEC', {}, { p: U | C }],
  ['CLI', { p: U | I }, { p: U }],
  ['SEI', {}, { p: U | I }],
  ['CLV', { p: U | V }, { p: U }],
  ['CLD', { p: U | D }, { p: U }],
  ['SED', {}, { p: U | D }],
  ['TAX', { a: 0x80 }, { x: 0x80, p: U | N }],
  ['TAY', { a: 0x00, y: 5 }, { y: 0, p: U | Z }],
  ['TXA', { x: 0x7f }, { a: 0x7f, p: U }],
  ['TYA', { y: 0x90 }, { a: 0x90, p: U | N }],
  ['TSX', { sp: 0x00 }, { x: 0, p: U | Z }],
  ['TXS', { x: 0x00, p: U }, { sp: 0, p: U }],
  ['INX', { x: 0xff }, { x: 0, p: U | Z }],
  ['INY', { y: 0x7f }, { y: 0x80, p: U | N }],
  ['DEX', { x: 0x00 }, { x: 0xff, p: U | N }],
  ['DEY', { y: 0x01 }, { y: 0, p: U | Z }],
  ['ASL', { a: 0x81 }, { a: 0x02, p: U | C }],
  ['LSR', { a: 0x01 }, { a: 0, p: U | Z | C }],
  ['ROL', { a: 0x80, p: U | C }, { a: 0x01, p: U | C }],
  ['ROR', { a: 0x01, p: U | C }, { a: 0x80, p: U | N | C }],
  ['NOP', { a: 1, x: 2, y: 3, p: U | C }, { a: 1, x: 2, y: 3, p: U | C }],
];

describe('implied and accumulator instructions', () => {
  const rows = IMPLIED.flatMap(([mn, input, out]) =>
    OPCODES.filter((o) => o.mnemonic === mn && (o.mode === 'imp' || o.mode === 'acc')).map(
      (info) => [`${hex(info.opcode)} ${mn}`, info, input, out] as const,
    ),
  );
  it.each(rows)('%s', (_name, info, input, out) => {
    const got = run(info, input);
    for (const key of Object.keys(out) as (keyof Regs)[]) expect([key, got[key]]).toEqual([key, out[key]]);
  });
});

describe('bus accesses of every opcode with an operand (no dummy accesses)', () => {
  const withOperand = OPCODES.filter((o) => kindOf(o) !== 'other' && o.mnemonic !== 'JSR' && o.mnemonic !== 'JMP');
  it.each(withOperand.map((o) => [`${hex(o.opcode)} ${o.mnemonic} ${o.mode}`, o] as const))('%s', (_name, info) => {
    const m = machineWith([info.opcode, ...operandBytes(info.mode)]);
    m.bus.mem[ZP] = ABS & 0xff;
    m.bus.mem[ZP + 1] = ABS >> 8;
    m.cpu.execute(1);
    const fetches = 1 + operandBytes(info.mode).length;
    const pointer = info.mode === 'izx' || info.mode === 'izy' ? 2 : 0;
    const data = { read: ['read'], write: ['write'], rmw: ['read', 'write'], other: [] }[kindOf(info)];
    const expected = [...Array<string>(fetches + pointer).fill('read'), ...(info.mode === 'imm' ? [] : data)];
    expect(m.bus.log.map((a) => a.kind)).toEqual(expected);
    // Every access after the opcode fetch sees the full base count already charged.
    expect(m.bus.log.slice(1).every((a) => a.cycles === BASE_CYCLES[info.opcode])).toBe(true);
  });
});
