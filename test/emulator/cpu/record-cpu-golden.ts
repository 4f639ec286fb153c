/**
 * Writes test/golden/cpu-opcodes.json from a CPU core module, e.g. the historical flat-switch core taken
 * from git (`git show 9c9e9e9:test/emulator/cpu/reference-cpu.ts > test/emulator/cpu/old-core.ts`), then
 * `npx tsx test/emulator/cpu/record-cpu-golden.ts test/emulator/cpu/old-core.ts`.
 * Only for re-recording; the test reads the JSON.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Bus } from '../../../electron/emulator/bus';
import { fingerprintOpcode, opcodeKey, type FingerprintCpu } from './opcode-fingerprint';

/** Where the recorded core lives in history: the flat-switch core, as kept for the differential test. */
const SOURCE = 'test/emulator/cpu/reference-cpu.ts at 9c9e9e9 (electron/emulator/cpu/cpu-6507.ts before 4a80444)';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error(`usage: record-cpu-golden.ts <module exporting the core; recorded from ${SOURCE}>`);
  const exports = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  // The core's class, whatever it was called there (Cpu6507, ReferenceCpu6507).
  const Core = Object.values(exports).find((v) => typeof v === 'function' && /Cpu6507$/.test(v.name)) as
    (new (bus: Bus) => FingerprintCpu) | undefined;
  if (!Core) throw new Error(`${file} exports no *Cpu6507 class`);
  const make = (bus: Bus): FingerprintCpu => new Core(bus);
  const opcodes: Record<string, string> = {};
  for (let op = 0; op < 256; op++) {
    opcodes[opcodeKey(op)] = fingerprintOpcode({ logged: make, mapped: make }, op).hash;
  }
  const out = resolve(import.meta.dirname, '../../golden/cpu-opcodes.json');
  const golden = { source: SOURCE, opcodes };
  writeFileSync(out, JSON.stringify(golden, null, 1) + '\n');
  console.log(`wrote ${out}`);
}

await main();
