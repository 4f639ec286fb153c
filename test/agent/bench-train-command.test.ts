import { describe, expect, it } from 'vitest';
import { benchTrainCommand } from '../../electron/cli/commands/bench-train';
import { parseOptions } from '../../electron/cli/args';

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (line: string) => out.push(line), err: (text: string) => err.push(text), isTty: false };
  return benchTrainCommand.run(parseOptions(argv, benchTrainCommand.options), io).then((code) => ({ code, out, err }));
}

describe('bench-train', () => {
  it('prints progress on stderr and one JSON line with the timings last on stdout', async () => {
    const { code, out, err } = await run([
      '--net',
      'seed',
      '--frames',
      '2',
      '--batch',
      '4',
      '--backend',
      'wasm',
      '--updates',
      '2',
      '--warmup',
      '1',
    ]);
    expect(code).toBe(0);
    expect(err.join('')).toMatch(/backend: wasm \(/);
    const last = JSON.parse(out.at(-1)!);
    expect(last).toMatchObject({ backend: 'wasm', net: 'seed', frames: 2, batch: 4, updates: 2 });
    for (const key of ['updateMs', 'actMs', 'stepMs', 'updateCpuMs']) expect(last[key]).toBeGreaterThan(0);
  });

  it('rejects an unknown network or backend as a usage error', async () => {
    await expect(run(['--net', 'resnet'])).rejects.toThrow(/--net must be seed or nature/);
    await expect(run(['--backend', 'webgl'])).rejects.toThrow(/--backend must be auto or one of/);
  });
});
