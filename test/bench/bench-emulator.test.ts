import { describe, expect, it } from 'vitest';
import { benchEmulatorCommand } from '../../electron/cli/commands/bench-emulator';
import { runCli } from '../../electron/cli/main';
import { romPath } from '../support/roms';

const rom = romPath('breakout');

// A smoke test of the command's output shape; speed itself is reported, never asserted.
describe('bench-emulator command', () => {
  it.skipIf(!rom)('ends with a JSON line holding fps, also for the 6502.ts comparison', async () => {
    const out: string[] = [];
    const args = ['bench-emulator', '--rom', rom!, '--game', 'breakout', '--frames', '200', '--frameskip', '4'];
    const code = await runCli(
      [...args, '--warmup', '0', '--compare-6502ts', '--reference-frames', '20', '--reference-warmup', '10'],
      [benchEmulatorCommand],
      {
        out: (l) => out.push(l),
        err: () => {},
        isTty: false,
      },
    );
    expect(code).toBe(0);
    const last = JSON.parse(out[out.length - 1]);
    expect(last.fps).toBeGreaterThan(0);
    expect(last.frames).toBeGreaterThanOrEqual(200);
    expect(last.reference.name).toBe('6502.ts');
    expect(last.cpuSpeedup).toBeGreaterThan(0);
  });
});
