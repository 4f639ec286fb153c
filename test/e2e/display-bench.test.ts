/**
 * Benchmark (not a pass/fail timing test): trainer frames/s in turbo with the live display on (this page
 * subscribed, frames encoded, sent and drawn) versus off, alternating phases so background load hits both
 * alike. Rates come from the trainer's own 'train' metric records (frames and wall time), so they measure
 * the training loop, not the UI. Runs only with DQN_BENCH=1:
 *   DQN_BENCH=1 npx vitest run --config vitest.e2e.config.ts test/e2e/display-bench.test.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, startServe, type BrowserHandle, type ServeHandle } from '../support/browser';

const enabled = process.env.DQN_BENCH === '1';
const skip = enabled ? browserSkipReason({ needRoms: true }) : 'set DQN_BENCH=1 to run the display benchmark';
const PHASE_MS = Number(process.env.DQN_BENCH_PHASE_MS ?? 20_000);
const ROUNDS = Number(process.env.DQN_BENCH_ROUNDS ?? 5);

/** CPU seconds (user + system) so far of a process, or of one of its threads. */
function cpuSeconds(statPath: string): number {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

function processTable(): { pid: number; ppid: number; cmd: string }[] {
  const out: { pid: number; ppid: number; cmd: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, cmd: readFileSync(`/proc/${name}/cmdline`, 'utf8') });
    } catch {
      // Exited meanwhile.
    }
  }
  return out;
}

function descendants(roots: number[], table: { pid: number; ppid: number }[]): number[] {
  const found = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) if (found.has(p.ppid) && !found.has(p.pid)) grew = found.add(p.pid) !== null;
  }
  return [...found];
}

/** CPU seconds of the browser (all its processes), the server's threads, and its busiest thread (the trainer). */
function cpuSnapshot(serverPid: number, profile: string): { browser: number; threads: Map<string, number> } {
  const table = processTable();
  const chromium = table.filter((p) => p.cmd.includes(profile)).map((p) => p.pid);
  const browser = descendants(chromium, table).reduce((sum, pid) => sum + cpuSeconds(`/proc/${pid}/stat`), 0);
  const threads = new Map<string, number>();
  for (const pid of descendants([serverPid], table)) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) threads.set(`${pid}/${tid}`, cpuSeconds(`/proc/${pid}/task/${tid}/stat`));
  }
  return { browser, threads };
}

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
    // A second socket in the page records the trainer's metric records with their arrival time, and
    // starts the run with a short metric window (logEvery) so rates resolve phases of a few seconds.
    await page.evaluate(async () => {
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
      await new Promise((resolve) => (ws.onopen = resolve));
      const overrides = { replayCapacity: 20_000, learningStarts: 1000, logEvery: 100 };
      const req = { gameId: 'space_invaders', preset: 'notebook-fixed', overrides, seed: 1, frames: 5_000_000 };
      ws.send(JSON.stringify({ t: 'invoke', id: 1, channel: 'trainer:start', req }));
    });
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000 }).toContain('running');
    await page.waitForTimeout(15_000); // warm-up: past learning starts, wasm compiled
    const phases: { display: boolean; start: number; end: number }[] = [];
    const cpu = { on: { browser: 0, server: 0, trainer: 0 }, off: { browser: 0, server: 0, trainer: 0 } };
    const toggle = page.getByTestId('display-toggle');
    // The run was started off-page: the trainer's display is off until this page asks for it.
    await toggle.setChecked(false);
    for (let round = 0; round < ROUNDS; round++) {
      for (const display of [true, false]) {
        await toggle.setChecked(display);
        const start = Date.now();
        const before = cpuSnapshot(server.pid, browser.profile);
        await page.waitForTimeout(PHASE_MS);
        const after = cpuSnapshot(server.pid, browser.profile);
        phases.push({ display, start, end: Date.now() });
        const deltas = [...after.threads].map(([id, t]) => t - (before.threads.get(id) ?? 0));
        const side = cpu[display ? 'on' : 'off'];
        side.browser += after.browser - before.browser;
        side.server += deltas.reduce((a, b) => a + b, 0);
        side.trainer += Math.max(0, ...deltas); // the trainer's worker is by far the busiest thread
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
      // Where the CPU went, in cores used on average (load from other programs excluded):
      cores: Object.fromEntries(
        (['on', 'off'] as const).map((k) => [
          k,
          Object.fromEntries(
            Object.entries(cpu[k]).map(([name, s]) => [name, +(s / ((ROUNDS * PHASE_MS) / 1000)).toFixed(3)]),
          ),
        ]),
      ),
      // Trainer-thread CPU per 1,000 emulated frames: what the display costs the training loop itself.
      trainerCpuMsPerKFrames: {
        on: on.frames ? +((1e6 * cpu.on.trainer) / on.frames).toFixed(1) : null,
        off: off.frames ? +((1e6 * cpu.off.trainer) / off.frames).toFixed(1) : null,
      },
    };
    console.log(`display benchmark: ${JSON.stringify(result)}`);
    expect(off.frames).toBeGreaterThan(0);
    expect(on.frames).toBeGreaterThan(0);
  });
});
