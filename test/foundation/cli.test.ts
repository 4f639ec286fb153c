import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../electron/cli/args';
import type { CliCommand } from '../../electron/cli/command';
import { COMMANDS } from '../../electron/cli/commands';
import { runCli } from '../../electron/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (t: string) => err.push(t), isTty: false }, out, err };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'Echo options',
  options: {
    n: { type: 'number', description: 'a number', required: true },
    flag: { type: 'boolean', description: 'a flag' },
  },
  async run(options, io) {
    io.out(JSON.stringify(options));
    return 0;
  },
};

describe('cli dispatcher', () => {
  it('lists every registered command in --help', async () => {
    const c = capture();
    expect(await runCli(['--help'], COMMANDS, c.io)).toBe(0);
    for (const command of COMMANDS) expect(c.out.join('\n')).toContain(command.name);
  });

  it('exits 2 with usage on an unknown command', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], COMMANDS, c.io)).toBe(2);
    expect(c.err.join('')).toMatch(/unknown command 'frobnicate'[\s\S]*Usage:/);
  });

  it('exits 2 with usage on a bad or missing option', async () => {
    for (const argv of [['echo'], ['echo', '--n', 'x'], ['echo', '--n', '1', '--nope']]) {
      const c = capture();
      expect(await runCli(argv, [echo], c.io)).toBe(2);
      expect(c.err.join('')).toContain('Usage: dqn-studio echo');
    }
  });

  it('parses typed options', async () => {
    const c = capture();
    expect(await runCli(['echo', '--n=3', '--flag'], [echo], c.io)).toBe(0);
    expect(JSON.parse(c.out[0])).toEqual({ n: 3, flag: true });
    expect(() => parseOptions(['stray'], echo.options)).toThrow(UsageError);
  });

  it('prints the version as JSON', async () => {
    const c = capture();
    expect(await runCli(['version'], COMMANDS, c.io)).toBe(0);
    expect(JSON.parse(c.out[0])).toMatchObject({ name: 'dqn-studio', version: expect.any(String) });
  });
});
