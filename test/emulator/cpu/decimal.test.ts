/**
 * Decimal mode, exhaustively (every A, operand and carry) against reference models written here:
 * - 'ale': ALE's Stella core — operands through a BCD→binary table, result back through binary→BCD,
 *   N/Z from the result, V from sign bits, SBC's carry from a binary compare;
 * - 'nmos': Bruce Clark's description of the NMOS 6502 ("Decimal Mode", 6502.org, appendix A),
 *   implemented literally with signed arithmetic for N and V.
 */
import { describe, expect, it } from 'vitest';
import { C, D, machineWith, N, U, V, Z } from './helpers';

interface Result {
  a: number;
  p: number;
}

const bcdToBin = (t: number) => (t >> 4) * 10 + (t & 0x0f);
const binToBcd = (t: number) => ((Math.floor((t % 100) / 10) << 4) | (t % 10)) & 0xff;
/** The original's tables are [2][256] back to back; an index below 0 into row 1 reads the end of row 0. */
const row1 = (i: number) => (i >= 0 ? binToBcd(i) : bcdToBin(256 + i));

function flags(n: boolean, v: boolean, z: boolean, c: boolean): number {
  return U | D | (n ? N : 0) | (v ? V : 0) | (z ? Z : 0) | (c ? C : 0);
}

function aleAdcRef(a: number, b: number, c: number): Result {
  const sum = bcdToBin(a) + bcdToBin(b) + c;
  const r = row1(sum & 0xff);
  return { a: r, p: flags((r & 0x80) !== 0, ((a ^ r) & (r ^ b) & 0x80) !== 0, r === 0, sum > 99) };
}

function aleSbcRef(a: number, b: number, c: number): Result {
  let diff = bcdToBin(a) - bcdToBin(b) - (1 - c);
  if (diff < 0) diff += 100;
  const r = row1(diff);
  return { a: r, p: flags((r & 0x80) !== 0, ((a ^ r) & (r ^ b) & 0x80) !== 0, r === 0, a >= b + (1 - c)) };
}

const signed = (v: number) => (v & 0x80 ? v - 256 : v);

function nmosAdcRef(a: number, b: number, c: number): Result {
  // Seq. 1: accumulator and carry.
  let al = (a & 0x0f) + (b & 0x0f) + c;
  if (al >= 0x0a) al = ((al + 0x06) & 0x0f) + 0x10;
  let r = (a & 0xf0) + (b & 0xf0) + al;
  if (r >= 0xa0) r += 0x60;
  // Seq. 2: N and V, signed.
  let al2 = (a & 0x0f) + (b & 0x0f) + c;
  if (al2 >= 0x0a) al2 = ((al2 + 0x06) & 0x0f) + 0x10;
  const s = signed(a & 0xf0) + signed(b & 0xf0) + al2;
  const z = ((a + b + c) & 0xff) === 0;
  return { a: r & 0xff, p: flags((s & 0x80) !== 0, s < -128 || s > 127, z, r >= 0x100) };
}

function nmosSbcRef(a: number, b: number, c: number): Result {
  let al = (a & 0x0f) - (b & 0x0f) + c - 1;
  if (al < 0) al = ((al - 0x06) & 0x0f) - 0x10;
  let r = (a & 0xf0) - (b & 0xf0) + al;
  if (r < 0) r -= 0x60;
  // Flags as in binary mode.
  const bin = a - b - (1 - c);
  const sv = signed(a) - signed(b) - (1 - c);
  return { a: r & 0xff, p: flags((bin & 0x80) !== 0, sv < -128 || sv > 127, (bin & 0xff) === 0, bin >= 0) };
}

type Model = 'ale' | 'nmos';
const REFS: Record<Model, Record<'adc' | 'sbc', (a: number, b: number, c: number) => Result>> = {
  ale: { adc: aleAdcRef, sbc: aleSbcRef },
  nmos: { adc: nmosAdcRef, sbc: nmosSbcRef },
};

/** Runs `opcode #b` once per (a, b, c) and compares with the model; returns the number of mismatches. */
function sweep(model: Model, op: 'adc' | 'sbc'): string[] {
  const { cpu, bus } = machineWith([op === 'adc' ? 0x69 : 0xe9, 0], 0x1000, { decimal: model });
  bus.logging = false;
  const ref = REFS[model][op];
  const bad: string[] = [];
  for (let a = 0; a < 256; a++) {
    for (let b = 0; b < 256; b++) {
      bus.mem[0x1001] = b;
      for (let c = 0; c < 2; c++) {
        cpu.pc = 0x1000;
        cpu.a = a;
        cpu.p = U | D | c;
        cpu.execute(1);
        const want = ref(a, b, c);
        if (cpu.a !== want.a || cpu.p !== want.p) {
          if (bad.length < 5)
            bad.push(
              `${a.toString(16)} ${op} ${b.toString(16)} c=${c}: got ${cpu.a},${cpu.p} want ${want.a},${want.p}`,
            );
          else if (bad.length === 5) bad.push('…');
        }
      }
    }
  }
  return bad;
}

describe('decimal mode', () => {
  for (const model of ['ale', 'nmos'] as const) {
    for (const op of ['adc', 'sbc'] as const) {
      it(`${model} ${op.toUpperCase()}: all 131072 inputs match the reference`, () => {
        expect(sweep(model, op)).toEqual([]);
      });
    }
  }

  it('nmos ADC: worked examples from Clark (Z from the binary sum, N/V before the high fix-up)', () => {
    const cases: [number, number, number, number, number][] = [
      [0x99, 0x01, 0, 0x00, N | C], // binary sum $9A: Z clear although A = 0
      [0x89, 0x76, 1, 0x66, Z | C], // binary sum $100: Z set although A = $66
      [0x50, 0x50, 0, 0x00, N | V | C],
      [0x12, 0x34, 0, 0x46, 0],
    ];
    for (const [a, b, c, r, f] of cases) {
      const { cpu } = machineWith([0x69, b], 0x1000, { decimal: 'nmos' });
      cpu.a = a;
      cpu.p = U | D | c;
      cpu.execute(1);
      expect([a, b, c, cpu.a, cpu.p]).toEqual([a, b, c, r, U | D | f]);
    }
  });

  it('ale ADC: N and Z from the decimal result', () => {
    const { cpu } = machineWith([0x69, 0x01]);
    cpu.a = 0x99;
    cpu.p = U | D;
    cpu.execute(1);
    expect([cpu.a, cpu.p]).toEqual([0x00, U | D | Z | C]);
  });

  it('both models agree on A and C for valid BCD operands', () => {
    const bcd = Array.from({ length: 100 }, (_, i) => ((i / 10) << 4) | (i % 10));
    const differ: string[] = [];
    for (const a of bcd)
      for (const b of bcd)
        for (const c of [0, 1]) {
          const [x1, y1] = [aleAdcRef(a, b, c), nmosAdcRef(a, b, c)];
          const [x2, y2] = [aleSbcRef(a, b, c), nmosSbcRef(a, b, c)];
          if (x1.a !== y1.a || (x1.p & C) !== (y1.p & C)) differ.push(`adc ${a} ${b} ${c}`);
          if (x2.a !== y2.a || (x2.p & C) !== (y2.p & C)) differ.push(`sbc ${a} ${b} ${c}`);
        }
    expect(differ).toEqual([]);
  });

  it('RRA and ISB use the decimal ADC/SBC on their modified operand', () => {
    for (const model of ['ale', 'nmos'] as const) {
      // RRA $80: $80 holds $33 -> ROR -> $19, C = 1; then A($25) + $19 + 1 in decimal.
      let m = machineWith([0x67, 0x80], 0x1000, { decimal: model });
      m.bus.mem[0x80] = 0x33;
      m.cpu.a = 0x25;
      m.cpu.p = U | D;
      m.cpu.execute(1);
      expect(m.bus.mem[0x80]).toBe(0x19);
      expect({ a: m.cpu.a, p: m.cpu.p }).toEqual(REFS[model].adc(0x25, 0x19, 1));
      // ISB $80: $80 holds $09 -> $0A; then A($50) - $0A - (1 - C) in decimal.
      m = machineWith([0xe7, 0x80], 0x1000, { decimal: model });
      m.bus.mem[0x80] = 0x09;
      m.cpu.a = 0x50;
      m.cpu.p = U | D | C;
      m.cpu.execute(1);
      expect(m.bus.mem[0x80]).toBe(0x0a);
      expect({ a: m.cpu.a, p: m.cpu.p }).toEqual(REFS[model].sbc(0x50, 0x0a, 1));
    }
  });

  it('ARR in decimal mode applies the nibble fix-ups (64doc)', () => {
    const run = (a: number, b: number, c: number) => {
      const { cpu } = machineWith([0x6b, b]);
      cpu.a = a;
      cpu.p = U | D | c;
      cpu.execute(1);
      return [cpu.a, cpu.p];
    };
    // value = $FF: rotated with C=1 -> $FF; low fix-up (15+1 > 5) -> $F5; high fix-up -> $55, C = 1.
    // N = old C, Z from the rotated value, V = bit 6 of value ^ rotated.
    expect(run(0xff, 0xff, 1)).toEqual([0x55, U | D | N | C]);
    // value = $22: rotated with C=0 -> $11; no fix-ups, C = 0; V = ($22 ^ $11) bit 6 = 0.
    expect(run(0x22, 0xff, 0)).toEqual([0x11, U | D]);
    // value = $06: rotated -> $03; low fix-up (6 > 5) -> $09.
    expect(run(0x06, 0xff, 0)).toEqual([0x09, U | D]);
    // value = $01: rotated -> $00 so Z, low nibble 1 + 1 not > 5.
    expect(run(0x01, 0xff, 0)).toEqual([0x00, U | D | Z]);
  });

  it('binary mode is unaffected by the decimal model', () => {
    for (const model of ['ale', 'nmos'] as const) {
      const { cpu } = machineWith([0x69, 0x50], 0x1000, { decimal: model });
      cpu.a = 0x50;
      cpu.execute(1);
      expect([cpu.a, cpu.p]).toEqual([0xa0, U | N | V]);
    }
  });
});
