/**
 * Benchmark (not a pass/fail timing test): trainer frames/s in turbo with the live display on (a browser
 * watching, frames encoded and drawn) versus off. Runs only with DQN_BENCH=1; prints the numbers.
 *   DQN_BENCH=1 npx vitest run --config vitest.e2e.config.ts test/e2e/display-bench.test.ts
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, startServe, type BrowserHandle, type ServeHandle } from '../support/browser';

const enabled = process.env.DQN_BENCH === '1';
const skip = enabled ? browserSkipReason({ needRoms: true }) : 'set DQN_BENCH=1 to run the display benchmark';
const WINDOW_MS = Number(process.env.DQN_BENCH_WINDOW_MS ?? 20_000);
const ROUNDS = Number(process.env.DQN_BENCH_ROUNDS ?? 3);

async function frames(page: Page): Promise<number> {
  return Number(((await page.getByTestId('frame-counter').textContent()) ?? '').replace(/[^0-9]/g, ''));
}

async function measure(page: Page): Promise<number> {
  const f0 = await frames(page);
  const t0 = Date.now();
  await page.waitForTimeout(WINDOW_MS);
  return ((await frames(page)) - f0) / ((Date.now() - t0) / 1000);
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
    await page.getByTestId('recipe-select').selectOption(process.env.DQN_BENCH_PRESET ?? 'notebook-fixed');
    if (await page.getByTestId('field-replayCapacity').count()) {
      await page.getByTestId('field-replayCapacity').fill('20000');
      await page.getByTestId('field-learningStarts').fill('1000');
    }
    await page.getByTestId('start-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toContain('running');
    await page.waitForTimeout(10_000); // warm-up: past learning starts, JIT and wasm compiled
    const on: number[] = [];
    const off: number[] = [];
    const toggle = page.getByTestId('display-toggle');
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate, so drift from other load on the machine hits both sides alike.
      await toggle.setChecked(true);
      await page.waitForTimeout(1000);
      on.push(await measure(page));
      await toggle.setChecked(false);
      await page.waitForTimeout(1000);
      off.push(await measure(page));
    }
    await page.getByTestId('stop-run').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toContain('stopped');
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const result = {
      windowSeconds: WINDOW_MS / 1000,
      displayOn: on.map(Math.round),
      displayOff: off.map(Math.round),
      meanOn: Math.round(mean(on)),
      meanOff: Math.round(mean(off)),
      slowdownPercent: +((100 * (mean(off) - mean(on))) / mean(off)).toFixed(1),
    };
    console.log(`display benchmark: ${JSON.stringify(result)}`);
    expect(result.meanOff).toBeGreaterThan(0);
  });
});
