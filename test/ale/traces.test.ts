import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aleReferenceDir, MISSING_REFERENCE, MISSING_ROMS, romPath } from '../support/roms';
import { loadTrace, replayTrace } from './trace-replay';

const dir = aleReferenceDir();
const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')) : [];

describe('ALE reference traces', () => {
  if (!dir || files.length === 0) {
    it.skip(MISSING_REFERENCE, () => {});
    return;
  }
  for (const file of files) {
    const trace = loadTrace(join(dir, file));
    const rom = romPath(trace.header.game);
    it.skipIf(!rom)(`${file} matches ALE on every line${rom ? '' : ` (${MISSING_ROMS})`}`, () => {
      const result = replayTrace(trace, new Uint8Array(readFileSync(rom!)), rom!);
      console.log(`${file}: ${result.matched}/${result.total} lines match`);
      expect(result.mismatch ?? 'all lines match').toBe('all lines match');
    });
  }
});
