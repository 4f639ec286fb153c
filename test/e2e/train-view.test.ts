/**
 * The Train view against a scripted trainer (no emulator, no TensorFlow): charts fill with live metrics,
 * Q bars follow the frames, invalid settings are explained inline and block the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewRunRequest, TrainerStatus } from '../../shared/ipc/contract';
import type { MetricRecord } from '../../shared/metrics';
import { createStudioBackend } from '../../electron/ipc/backend';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import { startStudioServer, type StudioServer } from '../../electron/server/studio-server';
import { FakeTrainer, sampleFrame } from '../ipc/fake-trainer';
import { browserSkipReason, launchBrowser, screenshot, type BrowserHandle } from '../support/browser';
import { romsDir } from '../support/roms';

const skip = browserSkipReason({ needRoms: true });

/** Emits frames and metrics on a timer while "running", like a real trainer would. */
class ScriptedTrainer extends FakeTrainer {
  private timer: ReturnType<typeof setInterval> | null = null;
  private frames = 0;
  private episode = 0;

  override async start(request: NewRunRequest): Promise<TrainerStatus> {
    const s = await super.start(request);
    this.timer = setInterval(() => this.tick(), 40);
    return s;
  }

  override async stop(): Promise<TrainerStatus> {
    if (this.timer) clearInterval(this.timer);
    return super.stop();
  }

  private tick(): void {
    if (this.current.state !== 'running') return;
    this.frames += 400;
    const f = sampleFrame(this.frames);
    const t = this.frames / 400;
    this.emitFrame({ ...f, qValues: f.qValues.map((q, i) => q + Math.sin(t / 5 + i)) });
    const records: MetricRecord[] = [];
    const base = { frames: this.frames, steps: this.frames / 3, wallTime: t / 25 };
    records.push({
      kind: 'train',
      ...base,
      loss: 1 / (1 + t / 20),
      meanQ: Math.log1p(t),
      epsilon: 0.995 ** t,
      fps: 900,
    });
    if (t % 3 === 0) {
      this.episode++;
      records.push({
        kind: 'episode',
        ...base,
        episode: this.episode,
        return: 100 + 50 * Math.sin(t) + t,
        length: 900,
      });
    }
    this.emitMetrics(records);
    this.current = { ...this.current, frames: this.frames, episodes: this.episode, fps: 900, elapsed: t / 25 };
  }
}

describe.skipIf(skip !== null)('Train view (scripted trainer)', () => {
  let dir: string;
  let server: StudioServer;
  let browser: BrowserHandle;
  const trainer = new ScriptedTrainer();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqn-trainview-'));
    const backend = createStudioBackend({
      runsDir: join(dir, 'runs'),
      romDirs: [{ dir: romsDir()!, source: 'path' }],
      discoverRoms: false,
      trainer,
      runStore: createMemoryRunStore(),
      shell: { kind: 'web' },
    });
    server = await startStudioServer({ backend, port: 0 });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await trainer.stop();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains invalid settings inline and blocks the start', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await expect.poll(() => page.getByTestId('game-select').locator('option').count(), { timeout: 30_000 }).toBe(10);
    await page.getByTestId('recipe-select').selectOption('nature');
    expect(await page.getByTestId('field-replayCapacity').inputValue()).toBe('1000000');
    await page.getByTestId('field-learningRate').fill('-1');
    await page.getByTestId('frames-input').fill('12.5');
    await expect
      .poll(() => page.locator('small.error').allTextContents())
      .toEqual(['Frame budget must be a whole number.', 'Learning rate must be greater than 0 and at most 1.']);
    expect(await page.getByTestId('start-run').isDisabled()).toBe(true);
    await screenshot(page, 'train-view-invalid');
    await page.getByTestId('recipe-select').selectOption('notebook');
    expect(await page.getByTestId('start-run').isDisabled()).toBe(false);
  });

  it('fills the charts and Q bars from live events', async () => {
    const { page } = browser;
    await page.getByTestId('game-select').selectOption('space_invaders');
    await page.getByTestId('frames-input').fill('500000');
    await page.getByTestId('start-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain('running');
    expect(trainer.starts.at(-1)).toMatchObject({ gameId: 'space_invaders', preset: 'notebook', frames: 500000 });
    await expect.poll(() => page.getByTestId('q-bar').count()).toBe(6);
    await page.waitForTimeout(3000);
    await expect.poll(() => page.locator('[data-testid="q-bar"].greedy').count()).toBe(1);
    await page.getByTestId('pause-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent()).toContain('paused');
    await page.waitForTimeout(800);
    await screenshot(page, 'train-view-live');
    expect(browser.errors).toEqual([]);
  });
});
