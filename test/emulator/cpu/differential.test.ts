/**
 * Differential test: every opcode, from many random states, against the flat-switch core the current
 * two-level core was derived from (its behaviour recorded in test/golden/cpu-opcodes.json; see
 * opcode-fingerprint.ts). On a logging bus every access (kind, address, value, cycle) and the final state
 * must match; with the whole 8K space in the fast memory map the final state and memory must match, with
 * no bus calls at all (but for the jam opcodes, which stop before their operand).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';
import { fingerprintOpcode, opcodeKey, type FingerprintCores } from './opcode-fingerprint';

const golden = JSON.parse(readFileSync(new URL('../../golden/cpu-opcodes.json', import.meta.url), 'utf8')) as {
  opcodes: Record<string, string>;
};

const KIL = new Set([0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2]);

const cores: FingerprintCores = {
  logged: (bus) => new Cpu6507(bus),
  mapped: (bus, mem) => {
    const cpu = new Cpu6507(bus);
    const map = Int32Array.from({ length: 64 }, (_, r) => r * 128);
    cpu.mapMemory(mem, map, map);
    return cpu;
  },
};

describe('Cpu6507 against the recorded flat-switch core', () => {
  it('has a recorded fingerprint for all 256 opcodes', () => {
    expect(Object.keys(golden.opcodes)).toHaveLength(256);
  });

  const rows = Array.from({ length: 16 }, (_, row) => [
    `$${row.toString(16).toUpperCase()}`,
    row.toString(16).toUpperCase(),
  ]);
  it.each(rows)('opcodes %s0-%sF match access for access', (_, digit) => {
    const row = parseInt(digit, 16);
    for (let op = row * 16; op < row * 16 + 16; op++) {
      const { hash, mirrorCalls } = fingerprintOpcode(cores, op);
      expect({ op: opcodeKey(op), hash }).toEqual({ op: opcodeKey(op), hash: golden.opcodes[opcodeKey(op)] });
      if (!KIL.has(op)) expect({ op: opcodeKey(op), mirrorCalls }).toEqual({ op: opcodeKey(op), mirrorCalls: 0 });
    }
  });
});
