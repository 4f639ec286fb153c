/**
 * Browser-test support: starts `cli serve` on a free port (temp runs folder, the shared ROMs) and drives
 * Debian's chromium through playwright-core. Without chromium or ROMs the tests skip with a reason, except
 * that on CI (CI=true) a missing chromium is a failure, so a broken install cannot pass as a skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { romsDir } from './roms';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '../..');
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why browser tests cannot run here (null: they can). Throws on CI when chromium is missing. */
export function browserSkipReason(options: { needRoms?: boolean } = {}): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    const message = `chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
    if (process.env.CI === 'true') throw new Error(`${message}: browser tests must run on CI`);
    return `${message}. Skipping browser tests.`;
  }
  if (!existsSync(join(REPO_ROOT, 'out/renderer/index.html'))) {
    throw new Error("The renderer is not built (out/renderer): run 'npm run build' before the browser tests.");
  }
  if (options.needRoms && !romsDir())
    return 'ROMs not found: set ALE_ROMS_DIR or place them in ../shared/roms. Skipping.';
  return null;
}

export interface ServeHandle {
  readonly url: string;
  /** The server's process id (tsx's wrapper; the server is its child). */
  readonly pid: number;
  readonly runsDir: string;
  /** Everything the server wrote to stderr so far (shown when a test fails). */
  readonly log: () => string;
  stop(): Promise<void>;
}

/** Starts `cli serve --port 0` and resolves once it prints its `listening` line. */
export async function startServe(
  options: { env?: NodeJS.ProcessEnv; /** Extra `cli serve` arguments, e.g. ['--synthetic']. */ args?: string[] } = {},
): Promise<ServeHandle> {
  const runsDir = await mkdtemp(join(tmpdir(), 'dqn-e2e-runs-'));
  const home = await mkdtemp(join(tmpdir(), 'dqn-e2e-home-'));
  await mkdir(join(home, '.dqn-studio'), { recursive: true });
  const roms = romsDir();
  const args = ['electron/cli/index.ts', 'serve', '--port', '0', '--runs', runsDir, ...(roms ? ['--roms', roms] : [])];
  args.push(...(options.args ?? []));
  const child: ChildProcess = spawn(join(REPO_ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: REPO_ROOT,
    // HOME isolates the app ROM folder (uploads) from the user's.
    env: { ...process.env, HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops tsx's node child (and nothing else).
    detached: true,
  });
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  // If the test process ends without stop() (a crash, a timeout), do not leave a server behind.
  const onExit = (): void => signalGroup('SIGKILL');
  process.once('exit', onExit);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`cli serve did not start in 60 s:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      for (const line of stdout.split('\n')) {
        try {
          const msg = JSON.parse(line) as { event?: string; url?: string };
          if (msg.event === 'listening' && msg.url) {
            clearTimeout(timer);
            resolvePromise(msg.url);
          }
        } catch {
          // Not a complete JSON line yet.
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cli serve exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    runsDir,
    log: () => stderr,
    async stop() {
      process.off('exit', onExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM'); // tsx relays it: the server stops its run (final checkpoint) and exits
        const timer = setTimeout(() => signalGroup('SIGKILL'), 30_000);
        await exited;
        clearTimeout(timer);
      }
      signalGroup('SIGKILL'); // whatever of the group is left
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface BrowserHandle {
  readonly context: BrowserContext;
  /** The fresh profile folder (its path is in chromium's command line: benchmarks find the processes by it). */
  readonly profile: string;
  readonly page: Page;
  /** Console errors and page errors seen so far. */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Launches chromium with a fresh profile and opens one page. */
export async function launchBrowser(): Promise<BrowserHandle> {
  const profile = await mkdtemp(join(tmpdir(), 'dqn-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    profile,
    page,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
