/**
 * Replays the ALE reference traces and prints how many lines match per game (a tool for checking CPU
 * changes against ALE, not a test): `npx tsx test/emulator/cpu/trace-check.ts [--nmos] [game...]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aleReferenceDir, romPath } from '../../support/roms';
import { loadTrace, replayTrace } from '../../ale/trace-replay';
import { Cpu6507 } from '../../../electron/emulator/cpu/cpu-6507';
import { nmosAdc, nmosArr, nmosSbc } from '../../../electron/emulator/cpu/decimal';

// --nmos: run the console's CPU with the NMOS decimal model (to see whether a trace tells them apart).
if (process.argv.includes('--nmos')) {
  const execute = Cpu6507.prototype.execute;
  Cpu6507.prototype.execute = function (this: Cpu6507, n: number): number {
    Object.assign(this, { adcDec: nmosAdc, sbcDec: nmosSbc, arrDec: nmosArr });
    return execute.call(this, n);
  };
}

const dir = aleReferenceDir();
if (!dir) throw new Error('no ALE reference traces');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz'))) {
  const trace = loadTrace(join(dir, file));
  if (wanted.length > 0 && !wanted.includes(trace.header.game)) continue;
  const rom = romPath(trace.header.game);
  if (!rom) continue;
  const t0 = performance.now();
  const result = replayTrace(trace, new Uint8Array(readFileSync(rom)), rom);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${file}: ${result.matched}/${result.total} (${s}s)${result.mismatch ? `\n  ${result.mismatch}` : ''}`);
}
