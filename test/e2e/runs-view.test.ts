/**
 * The Runs view against `cli serve`, over fixture run folders written through the real run store (their
 * evaluation episodes were recorded by playing the emulator), plus one damaged folder.
 * The full flow with runs made by `cli train` is test/e2e/runs.test.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserSkipReason,
  launchBrowser,
  screenshot,
  startServe,
  type BrowserHandle,
  type ServeHandle,
} from '../support/browser';
import { romPath } from '../support/roms';
import { writeFixtureRuns } from '../renderer/run-fixtures';

const skip = browserSkipReason({ needRoms: true });
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('runs view over fixture runs', () => {
  let server: ServeHandle;
  let browser: BrowserHandle;

  beforeAll(async () => {
    server = await startServe();
    await writeFixtureRuns(server.runsDir, romPath('breakout')!, [
      { name: 'Nature lr 2.5e-4', preset: 'nature', seed: 1, skill: 30 },
      {
        name: 'Nature lr 1e-4, double',
        preset: 'nature',
        overrides: { learningRate: 1e-4, double: true },
        seed: 2,
        skill: 18,
      },
      { name: 'Notebook faithful', preset: 'notebook', seed: 3, skill: 8, status: 'finished' },
    ]);
    mkdirSync(join(server.runsDir, 'broken-run'));
    writeFileSync(join(server.runsDir, 'broken-run', 'meta.json'), '{"id": "broken-run", "name": "tor');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists, compares, replays and draws the hyperparameter picture', async () => {
    const { page } = browser;
    try {
      await page.goto(server.url);
      await page.getByTestId('runs-tab').click();
      await expect.poll(() => page.getByTestId('run-row').count(), { timeout: 30_000 }).toBe(4);
      await expect.poll(() => page.getByTestId('run-damaged').count()).toBe(1);
      const pc = page.getByTestId('parallel-coords');
      await expect
        .poll(async () => Number(await pc.getAttribute('data-rendered')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await screenshot(page, 'runs-view-library');

      const rows = page.getByTestId('run-row');
      await rows.filter({ hasText: 'Nature lr 2.5e-4' }).getByTestId('run-select').check();
      await rows.filter({ hasText: 'double' }).getByTestId('run-select').check();
      await page.getByTestId('compare-button').click();
      const chart = page.getByTestId('compare-chart');
      await expect
        .poll(async () => Number(await chart.getAttribute('data-rendered')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      await expect.poll(async () => Number(await chart.getAttribute('data-series'))).toBeGreaterThanOrEqual(2);
      expect(await page.getByTestId('config-diff-row').count()).toBeGreaterThanOrEqual(1);
      await expect.poll(() => page.getByTestId('replay-canvas').count(), { timeout: 30_000 }).toBe(2);
      await screenshot(page, 'runs-view-compare');

      await page.getByTestId('replay-speed').selectOption({ label: 'Max' });
      await page.getByTestId('replay-play').click();
      for (const side of ['left', 'right']) {
        const match = page.getByTestId(`replay-${side}`).getByTestId('replay-match');
        await expect.poll(() => match.getAttribute('data-match'), { timeout: 60_000 }).toBe('true');
        const panel = page.getByTestId(`replay-${side}`);
        expect(await panel.getByTestId('replay-score').textContent()).toBe(
          await panel.getByTestId('replay-stored-score').textContent(),
        );
      }
      await screenshot(page, 'runs-view-replayed');
      expect(browser.errors).toEqual([]);
    } catch (error) {
      console.error(browser.errors.slice(0, 5).join('\n'));
      await screenshot(page, 'runs-view-failure');
      console.error(server.log());
      throw error;
    }
  });
});
