/**
 * The Runs view against `cli serve`, over fixture run folders written through the real run store (their
 * evaluation episodes were recorded by playing the emulator), plus one damaged folder.
 * The full flow with runs made by `cli train` is test/e2e/runs.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
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
import { PARALLEL_LAYOUT } from '../../renderer/lib/charts/compare-chart';
import { maxWebUploadBytes } from '../../renderer/lib/runs-upload';
import { readZip, writeZip } from '../../electron/runs/zip';

/** A full-page screenshot from the top: scrolled, the sticky top bar would be drawn mid-page. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** Clicks `target` and returns the bytes and name of the download it starts. */
async function download(page: Page, target: Locator, timeout = 60_000): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout }), target.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Drags along the parallel-coordinates score axis over the top `share` of its height, as a user brushes. */
async function brushScoreAxis(page: Page, share: number): Promise<void> {
  const card = page.getByTestId('parallel-card');
  const axes = Number(await card.getAttribute('data-axes'));
  const scoreAxis = Number(await card.getAttribute('data-score-axis'));
  const box = (await page.getByTestId('parallel-coords').boundingBox())!;
  const { left, right, top, bottom } = PARALLEL_LAYOUT;
  const x = box.x + left + ((box.width - left - right) * scoreAxis) / Math.max(1, axes - 1);
  const y0 = box.y + top + 2;
  const y1 = box.y + top + (box.height - top - bottom) * share;
  await page.mouse.move(x, y0);
  await page.mouse.down();
  await page.mouse.move(x, (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(x, y1, { steps: 4 });
  await page.mouse.up();
}

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
      await shot(page, 'runs-view-library');

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
      await shot(page, 'runs-view-compare');

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
      await shot(page, 'runs-view-replayed');
      expect(browser.errors).toEqual([]);
    } catch (error) {
      console.error(browser.errors.slice(0, 5).join('\n'));
      await screenshot(page, 'runs-view-failure');
      console.error(server.log());
      throw error;
    }
  });

  it('downloads the chart as PNG, the metrics as CSV and the episode as GIF and WebM', async () => {
    const { page } = browser;
    try {
      const png = await download(page, page.getByTestId('export-png'));
      expect(png.name).toMatch(/\.png$/);
      expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.bytes.length).toBeGreaterThan(5000);

      const csv = await download(page, page.getByTestId('export-csv'));
      const lines = csv.bytes.toString('utf8').trim().split('\n');
      expect(lines[0]).toMatch(/^run,runName,/);
      // Run ids are plain (no quoting): both compared runs have rows.
      const runIds = new Set(lines.slice(1).map((l) => l.split(',')[0]));
      expect(runIds.size).toBe(2);
      expect(lines.length).toBeGreaterThan(10);

      const gif = await download(page, page.getByTestId('replay-gif-left'), 120_000);
      expect(gif.name).toMatch(/-score-\d+\.gif$/);
      expect(gif.bytes.subarray(0, 6).toString('latin1')).toBe('GIF89a');
      // Each frame has a Graphic Control Extension (21 F9 04) giving its delay.
      const frames = gif.bytes.toString('latin1').split('\x21\xf9\x04').length - 1;
      expect(frames).toBeGreaterThan(1);

      await page.getByTestId('replay-webm-speed-right').selectOption('4');
      const webm = download(page, page.getByTestId('replay-webm-right'), 240_000);
      // Recording plays the episode in real time over 4: progress is shown meanwhile.
      await expect
        .poll(() => page.getByTestId('replay-export-progress-right').textContent(), { timeout: 20_000 })
        .toMatch(/Recording \d+%/);
      await shot(page, 'runs-view-recording');
      const video = await webm;
      expect(video.name).toMatch(/\.webm$/);
      expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
      expect(video.bytes.length).toBeGreaterThan(10_000);
      expect(browser.errors).toEqual([]);
    } catch (error) {
      console.error(browser.errors.slice(0, 5).join('\n'));
      await screenshot(page, 'runs-view-failure');
      throw error;
    }
  }, 400_000);

  it('brushes the parallel coordinates to filter runs', async () => {
    const { page } = browser;
    try {
      await page.getByTestId('compare-back').click();
      const rows = page.getByTestId('run-row');
      await expect.poll(() => rows.count()).toBe(4);
      const pc = page.getByTestId('parallel-coords');
      await expect
        .poll(async () => Number(await pc.getAttribute('data-rendered')), { timeout: 20_000 })
        .toBeGreaterThan(0);
      // The top third of the score axis holds the best run (skill 30) but not the worst (skill 8).
      await brushScoreAxis(page, 0.33);
      await expect.poll(() => page.getByTestId('brush-count').textContent()).toMatch(/^[12] of 3 runs$/);
      const kept = await page.getByTestId('run-name').allTextContents();
      expect(kept).toContain('Nature lr 2.5e-4');
      expect(kept).not.toContain('Notebook faithful');
      await shot(page, 'runs-view-brushed');
      await page.getByTestId('clear-brush').click();
      await expect.poll(() => rows.count()).toBe(4);
      expect(await page.getByTestId('brush-count').count()).toBe(0);
    } catch (error) {
      await screenshot(page, 'runs-view-failure');
      throw error;
    }
  });

  it('exports a run as a zip and imports it back (also past the WebSocket limit), deletes with undo', async () => {
    const { page } = browser;
    const scratch = await mkdtemp(join(tmpdir(), 'dqn-e2e-zip-'));
    try {
      const rows = page.getByTestId('run-row');
      const source = rows.filter({ hasText: 'Notebook faithful' });
      const zip = await download(page, source.getByTestId('export-button'));
      expect(zip.name).toBe('Notebook_faithful.dqnrun.zip');
      expect(zip.bytes.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');

      // Import it back: the run id clashes with the original, so the copy gets a fresh id beside it.
      const zipPath = join(scratch, zip.name);
      await writeFile(zipPath, zip.bytes);
      await page.getByTestId('import-input').setInputFiles(zipPath);
      await expect.poll(() => page.getByTestId('runs-notice').textContent(), { timeout: 30_000 }).toContain('Imported');
      await expect.poll(() => rows.count()).toBe(5);
      const copies = rows.filter({ hasText: 'Notebook faithful' });
      expect(await copies.count()).toBe(2);
      await shot(page, 'runs-view-imported');

      // Delete one copy, then undo from the notice: the run comes back.
      await copies.first().getByTestId('delete-button').click();
      await page.getByTestId('confirm-ok').click();
      await expect.poll(() => rows.count()).toBe(4);
      await page.getByTestId('undo-delete').click();
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
      expect(await rows.filter({ hasText: 'Notebook faithful' }).count()).toBe(2);

      // Bigger than one WebSocket message (64 MiB as base64): the upload goes over HTTP and still imports.
      const entries = readZip(new Uint8Array(zip.bytes));
      const top = entries[0].name.split('/')[0];
      const padding = randomBytes(56 * 1024 * 1024);
      const large = writeZip([
        ...entries.filter((e) => !e.directory),
        { name: `${top}/notes/padding.bin`, data: new Uint8Array(padding) },
      ]);
      expect(large.length).toBeGreaterThan(maxWebUploadBytes());
      const largePath = join(scratch, 'large.dqnrun.zip');
      await writeFile(largePath, large);
      await page.getByTestId('import-input').setInputFiles(largePath);
      await expect
        .poll(() => page.getByTestId('runs-notice').textContent(), { timeout: 120_000 })
        .toContain('Imported');
      expect(await rows.count()).toBe(6);
      expect(await page.getByTestId('connection').count()).toBe(0);
      const copied = readdirSync(server.runsDir)
        .filter((id) => id.startsWith(top))
        .map((id) => join(server.runsDir, id, 'notes/padding.bin'));
      expect(copied.filter((f) => existsSync(f)).map((f) => statSync(f).size)).toEqual([padding.length]);

      // Past the archive reader's 2 GiB ceiling the file is refused before anything is sent.
      const huge = join(scratch, 'huge.dqnrun.zip');
      await writeFile(huge, '');
      await truncate(huge, 2 * 1024 ** 3 + 1); // sparse: costs no disk
      await page.getByTestId('import-input').setInputFiles(huge);
      await expect
        .poll(() => page.getByTestId('runs-error').textContent())
        .toContain('2,147,483,649 bytes, over the 2.0 GiB limit');
      expect(await page.getByTestId('runs-error').textContent()).toContain('Import of huge.dqnrun.zip failed');
      expect(await rows.count()).toBe(6);
      await shot(page, 'runs-view-large-import');
      expect(browser.errors).toEqual([]);
    } catch (error) {
      console.error(browser.errors.slice(0, 5).join('\n'));
      await screenshot(page, 'runs-view-failure');
      console.error(server.log());
      throw error;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });
});
