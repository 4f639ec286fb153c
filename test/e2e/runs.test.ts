/**
 * The Runs view end to end: two short runs made by `cli train` (one finished, one stopped with SIGINT
 * after its first evaluation), served by `cli serve` beside a damaged run folder, then listed, compared,
 * drawn as parallel coordinates, replayed (each replay must reach its stored score) and resumed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  launchBrowser,
  REPO_ROOT,
  screenshot,
  startServe,
  type BrowserHandle,
  type ServeHandle,
} from '../support/browser';
import { romPath } from '../support/roms';

const skip = browserSkipReason({ needRoms: true });
if (skip) console.warn(skip);

/** Small enough for a shared two-core machine: an evaluation and a checkpoint every 2,000 frames. */
const OVERRIDES = {
  replayCapacity: 3000,
  learningStarts: 500,
  explorationSteps: 1000,
  evalEvery: 2000,
  evalEpisodes: 1,
  maxEpisodeFrames: 2500,
  checkpointEvery: 2000,
  logEvery: 200,
};

/** Runs `cli train`; with `stopAfterEval`, sends SIGINT once the first evaluation is logged. */
function train(runsDir: string, name: string, seed: number, extra: object, stopAfterEval: boolean): Promise<void> {
  const config = join(runsDir, `.${name}.json`);
  writeFileSync(config, JSON.stringify({ ...OVERRIDES, ...extra }));
  const args = ['electron/cli/index.ts', 'train', '--rom', romPath('breakout')!, '--preset', 'nature'];
  args.push('--config', config, '--frames', '4000', '--runs', runsDir, '--name', name, '--seed', String(seed));
  const child = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  let stopped = false;
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (stopAfterEval && !stopped && out.includes('"kind":"eval"')) {
      stopped = true;
      child.kill('SIGINT');
    }
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      code === 0 || stopped ? resolve() : reject(new Error(`cli train failed (${code}):\n${err}`)),
    );
  });
}

/** The folder of the run called `name` under `runsDir`. */
function runFolder(runsDir: string, name: string): string {
  for (const id of readdirSync(runsDir)) {
    try {
      const meta = JSON.parse(readFileSync(join(runsDir, id, 'meta.json'), 'utf8')) as { name?: string };
      if (meta.name === name) return join(runsDir, id);
    } catch {
      // Not a run folder, or the damaged one.
    }
  }
  throw new Error(`no run called ${name} in ${runsDir}`);
}

/** Frames of the last complete metrics line: it grows only if the run trained on. */
function lastMetricFrames(folder: string): number {
  const lines = readFileSync(join(folder, 'metrics.jsonl'), 'utf8').split('\n').filter(Boolean);
  let frames = 0;
  for (const line of lines) {
    try {
      frames = Math.max(frames, (JSON.parse(line) as { frames: number }).frames);
    } catch {
      // A torn last line.
    }
  }
  return frames;
}

/** The Train view's counters are formatted ("2,048", "12.3k"): back to a number. */
function parseCount(text: string | null): number {
  const m = /([\d.,]+)\s*([kKM]?)/.exec(text ?? '');
  if (!m) return NaN;
  const n = Number(m[1].replace(/,/g, ''));
  return m[2] === 'M' ? n * 1e6 : m[2] ? n * 1e3 : n;
}

/** A full-page screenshot from the top: scrolled, the sticky top bar would be drawn mid-page. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

function rowOf(page: Page, name: string) {
  return page.getByTestId('run-row').filter({ hasText: name });
}

describe.skipIf(skip !== null)('runs view over runs made by cli train', () => {
  let server: ServeHandle;
  let browser: BrowserHandle;

  beforeAll(async () => {
    server = await startServe();
    await train(server.runsDir, 'Breakout lr 1e-4', 1, {}, false);
    await train(server.runsDir, 'Breakout lr 2.5e-4 double', 2, { learningRate: 2.5e-4, double: true }, true);
    mkdirSync(join(server.runsDir, 'damaged-run'));
    writeFileSync(join(server.runsDir, 'damaged-run', 'config.json'), '{"preset": "nat');
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists, compares, draws, replays and resumes', async () => {
    const { page } = browser;
    try {
      await page.goto(server.url);
      await page.getByTestId('runs-tab').click();
      await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 30_000 }).toBe(3);
      // The damaged folder is a row that says what is wrong, not an error page.
      await expect.poll(() => page.getByTestId('run-damaged').count()).toBe(1);
      expect(await rowOf(page, 'damaged-run').getByTestId('run-status').textContent()).toContain('damaged');
      expect(await rowOf(page, 'lr 2.5e-4').getByTestId('run-status').textContent()).toContain('stopped');
      const pc = page.getByTestId('parallel-coords');
      await expect
        .poll(async () => Number(await pc.getAttribute('data-rendered')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await shot(page, 'runs-library');

      await rowOf(page, 'lr 1e-4').getByTestId('run-select').check();
      await rowOf(page, 'lr 2.5e-4').getByTestId('run-select').check();
      await page.getByTestId('compare-button').click();
      const chart = page.getByTestId('compare-chart');
      await expect
        .poll(async () => Number(await chart.getAttribute('data-rendered')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await expect.poll(async () => Number(await chart.getAttribute('data-series'))).toBeGreaterThanOrEqual(2);
      const diffKeys = await page
        .getByTestId('config-diff-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')));
      expect(diffKeys).toEqual(expect.arrayContaining(['double', 'learningRate']));
      await expect.poll(() => page.getByTestId('replay-canvas').count(), { timeout: 30_000 }).toBe(2);
      await shot(page, 'runs-compare');

      await page.getByTestId('replay-speed').selectOption({ label: 'Max' });
      await page.getByTestId('replay-play').click();
      for (const side of ['left', 'right']) {
        const panel = page.getByTestId(`replay-${side}`);
        await expect
          .poll(() => panel.getByTestId('replay-match').getAttribute('data-match'), { timeout: 120_000 })
          .toBe('true');
        expect(await panel.getByTestId('replay-score').textContent()).toBe(
          await panel.getByTestId('replay-stored-score').textContent(),
        );
      }
      await shot(page, 'runs-replayed');

      // Watch the newest checkpoint play greedily, with its Q-values, then take over with the keyboard.
      const player = page.getByTestId('policy-player');
      await player.getByTestId('policy-load').click();
      await expect.poll(() => player.getByTestId('policy-q-bar').count(), { timeout: 60_000 }).toBe(4);
      expect(await player.getByTestId('policy-checkpoint').textContent()).toMatch(/k fr/);
      await player.getByTestId('policy-play').click();
      await expect
        .poll(async () => Number(await player.getByTestId('policy-steps').textContent()), { timeout: 60_000 })
        .toBeGreaterThan(20);
      expect(await player.getByTestId('policy-driver').textContent()).toContain('agent (greedy)');
      expect(await player.getByTestId('policy-q-value').first().textContent()).toMatch(/^-?\d+\.\d{3}$/);
      await player.getByTestId('policy-screen').focus();
      await page.keyboard.down('ArrowRight');
      await expect.poll(() => player.getByTestId('policy-driver').textContent(), { timeout: 20_000 }).toContain('you');
      expect(await player.getByTestId('policy-action').textContent()).toBe('RIGHT');
      await shot(page, 'runs-policy-takeover');
      await page.keyboard.up('ArrowRight');
      await page.keyboard.down(' ');
      await expect.poll(() => player.getByTestId('policy-action').textContent(), { timeout: 20_000 }).toBe('FIRE');
      await page.keyboard.up(' ');
      await expect
        .poll(() => player.getByTestId('policy-driver').textContent(), { timeout: 20_000 })
        .toContain('agent');
      // Space went to the player, not to the replay panel's play/pause shortcut.
      expect(await page.getByTestId('replay-play').count()).toBe(1);
      // With ε = 0.1 about one step in ten is random.
      await player.getByTestId('policy-epsilon').selectOption('explore');
      await expect
        .poll(() => player.getByTestId('policy-driver').textContent(), { timeout: 60_000, interval: 50 })
        .toContain('agent (random)');
      await player.getByTestId('policy-pause').click();

      // Resume the stopped run. The app brings the Train view forward and the run trains on from its
      // checkpoint to its frame budget there; the Runs row and the run folder then show the frames it added.
      await page.getByTestId('compare-back').click();
      const stoppedRow = rowOf(page, 'lr 2.5e-4');
      const framesBefore = Number(await stoppedRow.getByTestId('run-frames').getAttribute('data-frames'));
      const folder = runFolder(server.runsDir, 'Breakout lr 2.5e-4 double');
      const before = lastMetricFrames(folder);
      expect(before).toBeGreaterThan(0);
      expect(framesBefore).toBeLessThan(4000);
      await stoppedRow.getByTestId('resume-button').click();
      await expect
        .poll(() => page.getByTestId('train-tab').getAttribute('class'), { timeout: 30_000 })
        .toContain('active');
      const status = page.getByTestId('run-status');
      await expect
        .poll(() => page.locator('.run-bar strong').textContent(), { timeout: 60_000 })
        .toContain('lr 2.5e-4');
      // The counters continue from the checkpoint, not from zero.
      await expect
        .poll(async () => parseCount(await page.getByTestId('frame-counter').textContent()), { timeout: 60_000 })
        .toBeGreaterThan(0);
      await shot(page, 'runs-resumed-training');
      await expect.poll(() => status.textContent(), { timeout: 480_000, interval: 2000 }).toContain('finished');
      expect(parseCount(await page.getByTestId('frame-counter').textContent())).toBeGreaterThanOrEqual(4000);
      expect(lastMetricFrames(folder)).toBeGreaterThan(before);

      await page.getByTestId('runs-tab').click();
      await expect
        .poll(() => stoppedRow.getByTestId('run-status').textContent(), { timeout: 30_000 })
        .toContain('finished');
      expect(Number(await stoppedRow.getByTestId('run-frames').getAttribute('data-frames'))).toBeGreaterThan(
        framesBefore,
      );
      expect(await stoppedRow.getByTestId('resume-button').count()).toBe(0);
      await shot(page, 'runs-resumed');
      expect(browser.errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'runs-failure').catch(() => {});
      console.error(browser.errors.join('\n'));
      console.error(server.log());
      throw error;
    }
  });
});
