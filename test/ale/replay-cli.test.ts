import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lcgPolicy, replayCommand } from '../../electron/cli/commands/replay';
import { runCli } from '../../electron/cli/main';
import { aleReferenceDir, romPath } from '../support/roms';
import { loadTrace } from './trace-replay';

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  let err = '';
  const code = await runCli(args, [replayCommand], { out: (l) => out.push(l), err: (t) => (err += t), isTty: false });
  return { code, out, err };
}

const ref = aleReferenceDir();
const tracePath = ref ? join(ref, 'space_invaders-p1-fs4.jsonl.gz') : null;
const rom = romPath('space_invaders');

describe('replay command', () => {
  it.skipIf(!ref || !rom)('prints the trace format: header, initial line, steps and resets', async () => {
    const trace = loadTrace(tracePath!);
    const steps = 120;
    const actions = trace.lines
      .filter((l) => l.action !== undefined)
      .slice(0, steps)
      .map((l) => l.action);
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'actions.txt');
    writeFileSync(file, actions.join('\n'));
    const { code, out } = await cli([
      'replay',
      '--rom',
      rom!,
      '--game',
      'space_invaders',
      '--frameskip',
      '4',
      '--actions',
      file,
    ]);
    expect(code).toBe(0);
    const header = JSON.parse(out[0]);
    expect(header).toMatchObject({ kind: 'ale-reference-trace', game: 'space_invaders', steps, frameskip: 4 });
    expect(header.minimalActions).toEqual(trace.header.minimalActions);
    const expected = trace.lines.slice(0, out.length - 1).map((l) => JSON.stringify(l));
    expect(out.slice(1)).toEqual(expected);
  });

  it.skipIf(!ref)("regenerates the traces' LCG policy", () => {
    const trace = loadTrace(tracePath!);
    const actions = trace.lines.filter((l) => l.action !== undefined).map((l) => l.action);
    expect(lcgPolicy(1, actions.length, trace.header.minimalActions.length)).toEqual(actions);
  });

  it.skipIf(!rom)('rejects a wrong --game and bad actions with usage errors', async () => {
    const wrong = await cli(['replay', '--rom', rom!, '--game', 'pong', '--policy-seed', '1', '--steps', '1']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/space_invaders/);
    const file = join(mkdtempSync(join(tmpdir(), 'replay-')), 'bad.txt');
    writeFileSync(file, '0 1 9');
    const bad = await cli(['replay', '--rom', rom!, '--actions', file]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/action #2/);
  });
});
