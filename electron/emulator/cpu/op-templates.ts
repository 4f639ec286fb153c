/**
 * The operations of the 6507 as source templates for the block compiler (./block-compiler.ts). Each is
 * the same computation as the matching case of Cpu6507.execute, written over the same locals (a x y sp
 * nf zf vf df id c db cy val t) with the memory accesses left to the compiler: `r` is an expression that
 * reads the operand (and leaves it on the data bus), `w(v)` a statement that writes the expression `v`
 * (through db) to the operand's address, `addr` the address expression. test/emulator/cpu/
 * block-compiler.test.ts runs random banked programs through both paths and compares every access, so a
 * template that drifts from the interpreter fails there (and the ALE traces run compiled).
 */
import { pollPeriod, pollRegister } from './poll-loop';

export type OpTemplate = (r: string, w: (v: string) => string, addr: string) => string;

const adc = (v: string) =>
  `val = ${v}; if (df) { t = adcDec(a, val, c); a = t & 0xff; nf = (t >> 8) & 0xff; zf = (t >> 16) & 0xff; ` +
  `c = (t >> 24) & 1; vf = (t >> 25) & 1; } else { t = a + val + c; vf = ((~(a ^ val) & (a ^ t)) >> 7) & 1; ` +
  `c = t >> 8; a = t & 0xff; nf = zf = a; }`;
const sbc = (v: string) =>
  `val = ${v}; if (df) { t = sbcDec(a, val, c); a = t & 0xff; nf = (t >> 8) & 0xff; zf = (t >> 16) & 0xff; ` +
  `c = (t >> 24) & 1; vf = (t >> 25) & 1; } else { t = a + (val ^ 0xff) + c; ` +
  `vf = ((~(a ^ (val ^ 0xff)) & (a ^ t)) >> 7) & 1; c = t >> 8; a = t & 0xff; nf = zf = a; }`;
const compare = (reg: string, v: string) => `t = ${reg} - ${v}; c = t >= 0 ? 1 : 0; nf = zf = t & 0xff;`;
/** `regs` = 'a', 'x', 'y' or 'a = x'; N and Z come from the first. */
const load = (regs: string, v: string) => `${regs} = ${v}; nf = zf = ${regs[0]};`;

/** Operations that take an operand (addressing modes 1-9). */
export const OPERAND_OPS: Readonly<Record<string, OpTemplate>> = {
  ORA: (r) => `a |= ${r}; nf = zf = a;`,
  AND: (r) => `a &= ${r}; nf = zf = a;`,
  EOR: (r) => `a ^= ${r}; nf = zf = a;`,
  ADC: (r) => adc(r),
  SBC: (r) => sbc(r),
  CMP: (r) => compare('a', r),
  CPX: (r) => compare('x', r),
  CPY: (r) => compare('y', r),
  BIT: (r) => `val = ${r}; zf = a & val; nf = val; vf = (val >> 6) & 1;`,
  LDA: (r) => load('a', r),
  LDX: (r) => load('x', r),
  LDY: (r) => load('y', r),
  LAX: (r) => load('a = x', r),
  STA: (_r, w) => w('a'),
  STX: (_r, w) => w('x'),
  STY: (_r, w) => w('y'),
  SAX: (_r, w) => w('a & x'),
  INC: (r, w) => `val = (${r} + 1) & 0xff; ${w('val')} nf = zf = val;`,
  DEC: (r, w) => `val = (${r} - 1) & 0xff; ${w('val')} nf = zf = val;`,
  ASL: (r, w) => `val = ${r}; c = val >> 7; val = (val << 1) & 0xff; ${w('val')} nf = zf = val;`,
  LSR: (r, w) => `val = ${r}; c = val & 1; val >>= 1; ${w('val')} nf = zf = val;`,
  ROL: (r, w) => `val = ${r}; t = ((val << 1) | c) & 0xff; c = val >> 7; ${w('t')} nf = zf = t;`,
  ROR: (r, w) => `val = ${r}; t = (val >> 1) | (c << 7); c = val & 1; ${w('t')} nf = zf = t;`,
  SLO: (r, w) => `val = ${r}; c = val >> 7; val = (val << 1) & 0xff; ${w('val')} a |= val; nf = zf = a;`,
  RLA: (r, w) => `val = ${r}; t = ((val << 1) | c) & 0xff; c = val >> 7; ${w('t')} a &= t; nf = zf = a;`,
  SRE: (r, w) => `val = ${r}; c = val & 1; val >>= 1; ${w('val')} a ^= val; nf = zf = a;`,
  RRA: (r, w) => `val = ${r}; t = (val >> 1) | (c << 7); c = val & 1; ${w('t')} ${adc('t')}`,
  DCP: (r, w) => `val = (${r} - 1) & 0xff; ${w('val')} ${compare('a', 'val')}`,
  ISB: (r, w) => `val = (${r} + 1) & 0xff; ${w('val')} ${sbc('val')}`,
  NOP: (r) => `val = ${r};`,
  ANC: (r) => `a &= ${r}; nf = zf = a; c = a >> 7;`,
  ASR: (r) => `a &= ${r}; c = a & 1; a >>= 1; nf = zf = a;`,
  ARR: (r) =>
    `val = ${r}; if (df) { t = arrDec(a, val, c); a = t & 0xff; nf = (t >> 8) & 0xff; zf = (t >> 16) & 0xff; ` +
    `c = (t >> 24) & 1; vf = (t >> 25) & 1; } else { a = ((a & val) >> 1) | (c << 7); nf = zf = a; ` +
    `c = (a >> 6) & 1; vf = c ^ ((a >> 5) & 1); }`,
  ANE: (r) => `a = (a | 0xee) & x & ${r}; nf = zf = a;`,
  LXA: (r) => `a = x = (a | 0xee) & ${r}; nf = zf = a;`,
  LAS: (r) => `a = x = sp = sp & ${r}; nf = zf = a;`,
  SBX: (r) => `t = (a & x) - ${r}; x = t & 0xff; c = t >= 0 ? 1 : 0; nf = zf = x;`,
  SHA: (_r, w, addr) => w(`a & x & ((${addr} >> 8) + 1) & 0xff`),
  SHX: (_r, w, addr) => w(`x & ((${addr} >> 8) + 1) & 0xff`),
  SHY: (_r, w, addr) => w(`y & ((${addr} >> 8) + 1) & 0xff`),
  SHS: (_r, w, addr) => `sp = a & x; ${w(`sp & ((${addr} >> 8) + 1) & 0xff`)}`,
};

/** Operations without an operand and without memory access. */
export const IMPLIED_OPS: Readonly<Record<number, string>> = {
  0x18: 'c = 0;',
  0x38: 'c = 1;',
  0x58: 'id = 0;',
  0x78: 'id = 1;',
  0xb8: 'vf = 0;',
  0xd8: 'df = 0;',
  0xf8: 'df = 1;',
  0xaa: 'x = a; nf = zf = x;',
  0xa8: 'y = a; nf = zf = y;',
  0x8a: 'a = x; nf = zf = a;',
  0x98: 'a = y; nf = zf = a;',
  0xba: 'x = sp; nf = zf = x;',
  0x9a: 'sp = x;',
  0xe8: 'x = (x + 1) & 0xff; nf = zf = x;',
  0xc8: 'y = (y + 1) & 0xff; nf = zf = y;',
  0xca: 'x = (x - 1) & 0xff; nf = zf = x;',
  0x88: 'y = (y - 1) & 0xff; nf = zf = y;',
  0x0a: 'c = a >> 7; a = (a << 1) & 0xff; nf = zf = a;',
  0x4a: 'c = a & 1; a >>= 1; nf = zf = a;',
  0x2a: 't = ((a << 1) | c) & 0xff; c = a >> 7; a = t; nf = zf = a;',
  0x6a: 't = (a >> 1) | (c << 7); c = a & 1; a = t; nf = zf = a;',
  0x1a: '',
  0x3a: '',
  0x5a: '',
  0x7a: '',
  0xda: '',
  0xea: '',
  0xfa: '',
};

/** The packed status byte as PHP pushes it. */
const STATUS_BYTE = '(nf & 0x80) | (vf << 6) | 0x30 | (df << 3) | (id << 2) | (zf === 0 ? 2 : 0) | c';
/** PLP / RTI: unpack t into the flags. */
const UNPACK_STATUS = 'nf = t; vf = (t >> 6) & 1; df = (t >> 3) & 1; id = (t >> 2) & 1; zf = (t & 2) ^ 2; c = t & 1;';

/** The operation of every opcode that has an operand, by opcode (the interpreter's case groups). */
export const OPERATION_OF: readonly (string | undefined)[] = buildOperationTable({
  ORA: '01 05 09 0d 11 15 19 1d',
  SLO: '03 07 0f 13 17 1b 1f',
  NOP: '04 0c 14 1c 34 3c 44 54 5c 64 74 7c 80 82 89 c2 d4 dc e2 f4 fc',
  ASL: '06 0e 16 1e',
  ANC: '0b 2b',
  AND: '21 25 29 2d 31 35 39 3d',
  RLA: '23 27 2f 33 37 3b 3f',
  BIT: '24 2c',
  ROL: '26 2e 36 3e',
  EOR: '41 45 49 4d 51 55 59 5d',
  SRE: '43 47 4f 53 57 5b 5f',
  LSR: '46 4e 56 5e',
  ASR: '4b',
  ADC: '61 65 69 6d 71 75 79 7d',
  RRA: '63 67 6f 73 77 7b 7f',
  ROR: '66 6e 76 7e',
  ARR: '6b',
  STA: '81 85 8d 91 95 99 9d',
  SAX: '83 87 8f 97',
  STY: '84 8c 94',
  STX: '86 8e 96',
  ANE: '8b',
  SHA: '93 9f',
  SHS: '9b',
  SHY: '9c',
  SHX: '9e',
  LDY: 'a0 a4 ac b4 bc',
  LDA: 'a1 a5 a9 ad b1 b5 b9 bd',
  LDX: 'a2 a6 ae b6 be',
  LAX: 'a3 a7 af b3 b7 bf',
  LXA: 'ab',
  LAS: 'bb',
  CPY: 'c0 c4 cc',
  CMP: 'c1 c5 c9 cd d1 d5 d9 dd',
  DCP: 'c3 c7 cf d3 d7 db df',
  DEC: 'c6 ce d6 de',
  SBX: 'cb',
  CPX: 'e0 e4 ec',
  SBC: 'e1 e5 e9 eb ed f1 f5 f9 fd',
  ISB: 'e3 e7 ef f3 f7 fb ff',
  INC: 'e6 ee f6 fe',
});

function buildOperationTable(groups: Record<string, string>): (string | undefined)[] {
  const table: (string | undefined)[] = new Array(256).fill(undefined);
  for (const [name, codes] of Object.entries(groups)) {
    for (const code of codes.split(' ')) table[parseInt(code, 16)] = name;
  }
  return table;
}

/** What the compiler gets for one instruction. */
export interface Emitted {
  readonly code: string;
  /** The instruction may have reached the bus: re-check the code map and the halt flag after it. */
  readonly slow: boolean;
  /** The block ends with this instruction; `pc` is set by the code (or `endPc`). */
  readonly ends: boolean;
  readonly endPc?: number;
  /** A branch back to the block's start that loops inside it (the body needs the `l:` loop). */
  readonly loops?: boolean;
}

/** A read through the map of the address in variable `v`. */
export function readVar(v: string): string {
  return `((o = rm[(${v} >> 7) & 63]) >= 0 ? (db = m[o + (${v} & 127)]) : (db = cpu.slowRead(cy, ${v}, db)))`;
}

/** A write through the map to the address in variable `v`; `slow` is the CPU's bus write for the rest. */
export function writeVar(v: string, value: string, slow = 'slowWrite'): string {
  return `db = ${value}; if ((o = wm[(${v} >> 7) & 63]) >= 0) m[o + (${v} & 127)] = db; else cy = cpu.${slow}(cy, ${v}, db);`;
}

/** `slow`: 'slowWriteAfterWrite' for a push right after another write (Cpu6507.writeFollowsWrite). */
const PUSH = (value: string, slow = 'slowWrite') =>
  `addr = 0x100 + sp; ${writeVar('addr', value, slow)} sp = (sp - 1) & 0xff;`;
const PULL_DUMMY = `addr = 0x100 + sp; ${readVar('addr')}; sp = (sp + 1) & 0xff;`;
const PULL = `addr = 0x100 + sp; t = ${readVar('addr')};`;

/**
 * The poll-loop fast-forward (./poll-loop.ts) after a taken `BNE/BEQ/BPL/BMI -5` at index `index`.
 * `previous`: the bytes of the block's instruction at the branch target, when the block has one there
 * (its bytes are then checked with the block's, so the loop's shape is known now); else the fast-forward
 * checks the shape at run time.
 */
function pollCode(op: number, target: number, index: number, previous: readonly number[] | null): string {
  const budget = `budget - base - ${index + 1}`;
  if (previous === null) {
    return (
      `if (peekBus !== null) { cpu.cycles = cy; t = skipPollLoop(peekBus, cpu, ${target}, ${op}, ${budget}); ` +
      'cy = cpu.cycles; if (t !== 0) { k += (t >> 10) * 2; val = t & 0xff; if ((t & 0x300) === 0) a = val; ' +
      'else if ((t & 0x300) === 0x100) x = val; else y = val; nf = zf = val; } }'
    );
  }
  const load = previous[0];
  const register = pollRegister(load);
  if (register < 0) return '';
  const address = previous[1] | (previous[2] << 8);
  const period = pollPeriod(load, op, target);
  const reg = ['a', 'x', 'y'][register];
  return (
    `if (peekBus !== null) { cpu.cycles = cy; ` +
    `t = skipPolls(peekBus, cpu, ${address}, ${(register << 8) | load}, ${op}, ${period}, ${budget}); ` +
    `cy = cpu.cycles; if (t !== 0) { k += (t >> 10) * 2; ${reg} = nf = zf = t & 0xff; } }`
  );
}

/**
 * Branches, jumps and stack operations (undefined: not one of them). `previous`: the block's instruction
 * 3 bytes before this one, if any (see pollCode); `blockStart`: the PC the block starts at.
 */
export function emitSpecial(
  op: number,
  bytes: number[],
  pc: number,
  next: number,
  index: number,
  previous: readonly number[] | null,
  blockStart: number,
): Emitted | null | undefined {
  if ((op & 0x1f) === 0x10) {
    const offset = bytes[1];
    const target = (next + ((offset ^ 0x80) - 0x80)) & 0xffff;
    const flag = op < 0x40 ? '((nf & 0x80) >> 7)' : op < 0x80 ? 'vf' : op < 0xc0 ? 'c' : '(zf === 0 ? 1 : 0)';
    const penalty = (target ^ next) & 0xff00 ? 2 : 1;
    // A taken `BNE/BEQ/BPL/BMI -5` may close a timer poll loop (see ./poll-loop.ts).
    const poll = offset === 0xfb && (op >> 6) % 3 === 0 ? pollCode(op, target, index, previous) : '';
    const taken = `if (${flag} === ${(op >> 5) & 1}) { cy += ${penalty};`;
    if (target === blockStart && poll === '') {
      // A loop back to the block's start (`DEX / BPL` delays, say) goes round inside the block while
      // the budget allows another whole pass, instead of returning to the dispatcher each time.
      const code =
        `${taken} if (base + ${index + 1} + BLOCK_LENGTH <= budget) { base += ${index + 1}; continue l; } ` +
        `pc = ${target}; k = ${index + 1}; break b; }`;
      return { code, slow: false, ends: false, loops: true };
    }
    const code = `${taken} pc = ${target}; k = ${index + 1}; ${poll} break b; }`;
    return { code, slow: false, ends: false };
  }
  switch (op) {
    case 0x4c: // JMP abs
      return { code: '', slow: false, ends: true, endPc: bytes[1] | (bytes[2] << 8) };
    case 0x20: {
      // JSR: read the stack, push the address of its last byte, read that byte
      const last = (pc + 2) & 0xffff;
      const code =
        `db = ${bytes[1]}; addr = 0x100 + sp; ${readVar('addr')}; ${PUSH(`${last >> 8}`)} ${PUSH(`${last & 0xff}`, 'slowWriteAfterWrite')} ` +
        `db = ${bytes[2]};`;
      return { code, slow: true, ends: true, endPc: bytes[1] | (bytes[2] << 8) };
    }
    case 0x60: {
      // RTS: a dummy stack read, pull the address, read the byte there, step past it
      const code =
        `${PULL_DUMMY} ${PULL} sp = (sp + 1) & 0xff; addr = 0x100 + sp; pc = t | (${readVar('addr')} << 8); ` +
        `${readVar('pc')}; pc = (pc + 1) & 0xffff;`;
      return { code, slow: true, ends: true };
    }
    case 0x48:
      return { code: PUSH('a'), slow: true, ends: false };
    case 0x08:
      return { code: PUSH(STATUS_BYTE), slow: true, ends: false };
    case 0x68:
      return { code: `${PULL_DUMMY} addr = 0x100 + sp; a = ${readVar('addr')}; nf = zf = a;`, slow: true, ends: false };
    case 0x28:
      return { code: `${PULL_DUMMY} ${PULL} ${UNPACK_STATUS}`, slow: true, ends: false };
    case 0x00: // BRK, RTI, JMP (ind): left to the interpreter
    case 0x40:
    case 0x6c:
      return null;
    default:
      return undefined;
  }
}
