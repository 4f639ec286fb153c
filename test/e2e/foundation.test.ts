import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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

const skip = browserSkipReason();
if (skip) console.warn(skip);

describe.skipIf(skip !== null)('web shell foundation', () => {
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

  it('round-trips app:version over the WebSocket bridge and shows it', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const { page } = browser;
    await page.goto(server.url);
    const label = page.getByTestId('app-version');
    await expect.poll(() => label.textContent(), { timeout: 30_000 }).toContain(`v${version}`);
    expect(await label.textContent()).toContain('web');
    // The same call, made directly over a fresh socket, proves the bridge and not a cached page.
    const direct = await page.evaluate(async () => {
      const ws = new WebSocket(`ws://${location.host}/studio-ws`);
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const reply = new Promise<string>((resolve) => (ws.onmessage = (e) => resolve(String(e.data))));
      ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'app:version', req: null }));
      const text = await reply;
      ws.close();
      return JSON.parse(text) as { ok: boolean; res: { version: string; shell: string } };
    });
    expect(direct).toMatchObject({ ok: true, res: { version, shell: 'web' } });
    await expect.poll(() => page.getByTestId('train-tab').isVisible()).toBe(true);
    await screenshot(page, 'foundation');
    expect(browser.errors).toEqual([]);
  });
});
