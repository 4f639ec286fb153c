import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  launchBrowser,
  screenshot,
  startServe,
  type BrowserHandle,
  type ServeHandle,
} from '../support/browser';

const skip = browserSkipReason({ needRoms: true });
if (skip) console.warn(skip);

async function counter(page: Page, testid: string): Promise<number> {
  const text = (await page.getByTestId(testid).textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

const frameCount = (page: Page): Promise<number> => counter(page, 'frame-counter');

/** A cheap fingerprint of the game canvas pixels (changes when the screen does). */
function screenHash(page: Page): Promise<number> {
  return page.getByTestId('game-screen').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let h = 0;
    for (let i = 0; i < data.length; i += 4) h = (Math.imul(h, 31) + data[i] + data[i + 1] * 7 + data[i + 2] * 13) | 0;
    return h;
  });
}

function status(page: Page): Promise<string | null> {
  return page.getByTestId('run-status').textContent();
}

describe.skipIf(skip !== null)('studio: train Space Invaders in the browser', () => {
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

  it('starts, shows the game, pauses, resumes and stops a run', async () => {
    const { page } = browser;
    try {
      await page.goto(server.url);
      const game = page.getByTestId('game-select');
      await expect.poll(() => game.locator('option[value="space_invaders"]').count(), { timeout: 30_000 }).toBe(1);
      await game.selectOption('space_invaders');
      // The replay recipe (checkpoints on stop), with a memory small enough for a test machine.
      await page.getByTestId('recipe-select').selectOption('notebook-fixed');
      await page.getByTestId('field-replayCapacity').fill('5000');
      await page.getByTestId('field-learningStarts').fill('300');
      await page.getByTestId('frames-input').fill('2000000');
      await page.getByTestId('seed-input').fill('7');

      const blank = await screenHash(page);
      await page.getByTestId('start-run').click();
      await expect.poll(() => status(page), { timeout: 120_000 }).toContain('running');

      // The screen changes and keeps changing; the frame counter advances.
      await expect.poll(() => screenHash(page), { timeout: 60_000 }).not.toBe(blank);
      const first = await screenHash(page);
      await expect.poll(() => screenHash(page), { timeout: 60_000 }).not.toBe(first);
      const f0 = await frameCount(page);
      await expect.poll(() => frameCount(page), { timeout: 60_000 }).toBeGreaterThan(f0);

      // Six Space Invaders actions, one bar each, labelled with ALE's names; one greedy bar.
      await expect.poll(() => page.getByTestId('q-bar').count(), { timeout: 30_000 }).toBe(6);
      const names = await page.locator('[data-testid="q-bar"] .name').allTextContents();
      expect(names).toEqual(['NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE']);
      expect(await page.locator('[data-testid="q-bar"].greedy').count()).toBe(1);
      expect(await page.getByTestId('observation-view').locator('canvas').count()).toBe(1);

      // The reward chart draws (ECharts 'finished') into its canvas, and again once the first episode's
      // return arrives (so the screenshot shows a point, elapsed time and a settled ETA).
      const chart = page.getByTestId('reward-chart');
      await expect.poll(() => chart.locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      const rendered = (): Promise<number> => chart.getAttribute('data-rendered').then(Number);
      await expect.poll(rendered, { timeout: 30_000 }).toBeGreaterThan(0);
      const empty = await rendered();
      await expect.poll(() => counter(page, 'episode-counter'), { timeout: 180_000 }).toBeGreaterThan(0);
      await expect.poll(rendered, { timeout: 30_000 }).toBeGreaterThan(empty);
      await screenshot(page, 'studio-running');

      // Pause holds the counter still.
      await page.getByTestId('pause-run').click();
      await expect.poll(() => status(page), { timeout: 60_000 }).toContain('paused');
      await page.waitForTimeout(500); // a display frame already in flight may still land
      const paused = await frameCount(page);
      await page.waitForTimeout(2000);
      expect(await frameCount(page)).toBe(paused);
      await screenshot(page, 'studio-paused');

      // Resume moves it again.
      await page.getByTestId('resume-run').click();
      await expect.poll(() => status(page), { timeout: 60_000 }).toContain('running');
      await expect.poll(() => frameCount(page), { timeout: 60_000 }).toBeGreaterThan(paused);

      // Stop ends the run; its folder is complete.
      await page.getByTestId('stop-run').click();
      await expect.poll(() => status(page), { timeout: 120_000 }).toContain('stopped');
      await screenshot(page, 'studio-stopped');

      const runs = readdirSync(server.runsDir).filter((n) => !n.startsWith('.'));
      expect(runs).toHaveLength(1);
      const runDir = join(server.runsDir, runs[0]);
      for (const file of ['config.json', 'meta.json', 'metrics.jsonl']) {
        expect(existsSync(join(runDir, file)), file).toBe(true);
      }
      const meta = JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8')) as Record<string, unknown>;
      expect(meta).toMatchObject({ gameId: 'space_invaders', preset: 'notebook-fixed', status: 'stopped' });
      expect(meta.frames as number).toBeGreaterThan(paused);
      const checkpoints = join(runDir, 'checkpoints');
      expect(existsSync(checkpoints) && readdirSync(checkpoints).length > 0).toBe(true);
      expect(browser.errors).toEqual([]);
    } catch (error) {
      await screenshot(page, 'studio-failure').catch(() => {});
      throw new Error(`${String(error)}\n--- cli serve log ---\n${server.log()}`, { cause: error });
    }
  });
});
