/**
 * `train`/`eval` through the real CLI entry: the worker thread must start under tsx, a kill -9 must
 * leave a run that `train --resume` finishes with exactly the metrics of an uninterrupted run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunStore } from '../../electron/runs/run-store';
import type { MetricRecord } from '../../shared/metrics';

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'dqn-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const overrides = join(tmp, 'overrides.json');
writeFileSync(
  overrides,
  JSON.stringify({
    replayCapacity: 3000,
    learningStarts: 300,
    explorationSteps: 2000,
    evalEvery: 6000,
    evalEpisodes: 2,
    checkpointEvery: 2000,
    checkpointReplay: true,
    logEvery: 100,
    maxEpisodeFrames: 3000,
  }),
);
const trainArgs = (runs: string) => [
  'train',
  '--synthetic',
  '--preset',
  'nature',
  '--frames',
  '14000',
  '--seed',
  '11',
  '--runs',
  runs,
  '--config',
  overrides,
];
const node = (args: string[]) => ['--import', 'tsx', join(ROOT, 'electron/cli/index.ts'), ...args];
const strip = (records: MetricRecord[]) => records.map(({ wallTime: _w, ...r }) => ({ ...r, fps: undefined }));

describe('train CLI', () => {
  it('trains on a worker thread via npm run cli: JSON lines on stdout, progress on stderr', () => {
    const runs = join(tmp, 'whole');
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', ...trainArgs(runs)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ event: 'start', preset: 'nature', gameId: 'synthetic', frameBudget: 14000 });
    expect(lines.at(-1)).toMatchObject({ event: 'end', state: 'finished' });
    expect(lines.some((l) => l.kind === 'train')).toBe(true);
    expect(lines.some((l) => l.kind === 'eval')).toBe(true);
    expect(result.stderr).toMatch(/frames .* f\/s .*ETA .*last return/);
  });

  it('after kill -9, --resume finishes with the metrics of an uninterrupted run', async () => {
    const runs = join(tmp, 'killed');
    const child = spawn(process.execPath, node(trainArgs(runs)), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    let killed = false;
    const exited = new Promise((r) => child.once('exit', r));
    const runDir = await new Promise<string>((done, fail) => {
      const timer = setInterval(() => {
        const ids = existsSync(runs) ? readdirSync(runs).filter((d) => !d.startsWith('.')) : [];
        const cdir = ids[0] && join(runs, ids[0], 'checkpoints');
        if (cdir && existsSync(cdir) && readdirSync(cdir).some((s) => Number(s) >= 1000)) {
          clearInterval(timer);
          killed = child.kill('SIGKILL');
          done(join(runs, ids[0]));
        }
      }, 20);
      child.on('exit', () => {
        clearInterval(timer);
        if (!killed) fail(new Error(`train exited before a checkpoint: ${out}`));
      });
    });
    await exited;
    const runId = runDir.split('/').pop()!;
    const store = createRunStore(runs);
    expect((await store.readMeta(runId)).status).toBe('running');
    // Its trainer is gone, so listings say so (without writing anything).
    const [listed] = await store.list();
    expect(listed).toMatchObject({ id: runId, status: 'stopped' });
    expect((await store.get(runId)).meta.error).toMatch(
      /Interrupted.*Resume continues from its checkpoint at step \d+/,
    );
    const resumed = spawnSync(process.execPath, node(['train', '--synthetic', '--resume', runId, '--runs', runs]), {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect((await store.readMeta(runId)).status).toBe('finished');

    const whole = createRunStore(join(tmp, 'whole'));
    const [wholeId] = (await whole.list()).map((r) => r.id);
    expect(strip(await store.metrics(runId))).toEqual(strip(await whole.metrics(wholeId)));
    expect(await store.episodes(runId)).toEqual(await whole.episodes(wholeId));

    const evaluated = spawnSync(process.execPath, node(['eval', '--run', runDir, '--episodes', '3']), {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(evaluated.status, evaluated.stderr).toBe(0);
    const line = JSON.parse(evaluated.stdout.trim());
    expect(line).toMatchObject({ runId, episodes: 3 });
    expect(line.scores).toHaveLength(3);
    expect(line.max).toBeGreaterThanOrEqual(line.median);
    expect(line.median).toBeGreaterThanOrEqual(line.min);
  });

  it('gives clear usage errors', () => {
    const bad = spawnSync(process.execPath, node(['train', '--synthetic', '--preset', 'natur']), {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown preset 'natur'/);
    const badField = join(tmp, 'bad.json');
    writeFileSync(badField, JSON.stringify({ gamma: 3 }));
    const bad2 = spawnSync(
      process.execPath,
      node(['train', '--synthetic', '--preset', 'nature', '--runs', join(tmp, 'bad'), '--config', badField]),
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(bad2.status).toBe(1);
    expect(bad2.stderr).toMatch(/gamma: must be at least 0 and at most 1/);
  });
});
