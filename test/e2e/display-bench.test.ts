/**
 * Benchmark (not a pass/fail timing test): trainer frames/s in turbo with the live display on (this page
 * subscribed, frames encoded, sent and drawn) versus off, alternating phases so background load hits both
 * alike. Rates come from the trainer's own 'train' metric records (frames and wall time), so they measure
 * the training loop, not the UI. Runs only with DQN_BENCH=1:
 *   DQN_BENCH=1 npx vitest run --config vitest.e2e.config.ts test/e2e/display-bench.test.ts
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, startServe, type BrowserHandle, type ServeHandle } from '../support/browser';

const enabled = process.env.DQN_BENCH === '1';
const skip = enabled ? browserSkipReason({ needRoms: true }) : 'set DQN_BENCH=1 to run the display benchmark';
const PHASE_MS = Number(process.env.DQN_BENCH_PHASE_MS ?? 60_000);
const ROUNDS = Number(process.env.DQN_BENCH_ROUNDS ?? 2);

interface Sample {
  readonly frames: number;
  readonly wallTime: number;
  readonly at: number;
}

describe.skipIf(skip !== null)('display cost in turbo', () => {
  let server: ServeHandle;
  let browser: BrowserHandle;

  beforeAll(async () => {
    server = await startServe();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('measures frames/s with the display on and off', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await expect.poll(() => page.locator('[data-testid="game-select"] option').count(), { timeout: 30_000 }).toBe(10);
    await page.getByTestId('game-select').selectOption('space_invaders');
    await page.getByTestId('recipe-select').selectOption('notebook-fixed');
    await page.getByTestId('field-replayCapacity').fill('20000');
    await page.getByTestId('field-learningStarts').fill('1000');
    // A second socket in the page records the trainer's metric records with their arrival time.
    await page.evaluate(() => {
      const w = window as unknown as { benchSamples: Sample[] };
      w.benchSamples = [];
      const ws = new WebSocket(`ws://${location.host}/studio-ws`);
      ws.onmessage = (e) => {
        if (typeof e.data !== 'string') return;
        const m = JSON.parse(e.data) as { t: string; channel?: string; payload?: unknown };
        if (m.t !== 'event' || m.channel !== 'trainer:metrics') return;
        for (const r of m.payload as { kind: string; frames: number; wallTime: number }[]) {
          if (r.kind === 'train') w.benchSamples.push({ frames: r.frames, wallTime: r.wallTime, at: Date.now() });
        }
      };
    });
    await page.getByTestId('start-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toContain('running');
    await page.waitForTimeout(15_000); // warm-up: past learning starts, wasm compiled
    const phases: { display: boolean; start: number; end: number }[] = [];
    const toggle = page.getByTestId('display-toggle');
    for (let round = 0; round < ROUNDS; round++) {
      for (const display of [true, false]) {
        await toggle.setChecked(display);
        const start = Date.now();
        await page.waitForTimeout(PHASE_MS);
        phases.push({ display, start, end: Date.now() });
      }
    }
    const samples = await page.evaluate(() => (window as unknown as { benchSamples: Sample[] }).benchSamples);
    await page.getByTestId('stop-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toContain('stopped');

    // A rate counts only when both of its records arrived inside one phase.
    const rate = (display: boolean): { fps: number; frames: number } => {
      let frames = 0;
      let seconds = 0;
      for (let i = 1; i < samples.length; i++) {
        const [a, b] = [samples[i - 1], samples[i]];
        const phase = phases.find((p) => p.start <= a.at && b.at <= p.end);
        if (phase?.display !== display) continue;
        frames += b.frames - a.frames;
        seconds += b.wallTime - a.wallTime;
      }
      return { fps: seconds > 0 ? frames / seconds : 0, frames };
    };
    const on = rate(true);
    const off = rate(false);
    const result = {
      phaseSeconds: PHASE_MS / 1000,
      rounds: ROUNDS,
      displayOnFps: Math.round(on.fps),
      displayOffFps: Math.round(off.fps),
      framesMeasured: { on: on.frames, off: off.frames },
      slowdownPercent: off.fps > 0 ? +((100 * (off.fps - on.fps)) / off.fps).toFixed(1) : null,
    };
    console.log(`display benchmark: ${JSON.stringify(result)}`);
    expect(off.frames).toBeGreaterThan(0);
    expect(on.frames).toBeGreaterThan(0);
  });
});
