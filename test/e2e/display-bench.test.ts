/**
 * Benchmark (not a pass/fail timing test): trainer frames/s in turbo with the live display on (this page
 * visible and subscribed: frames sampled, encoded, sent and drawn, charts live), with the display turned
 * off on the same page (charts and counters still live), and with no page at all (about:blank). The three
 * alternate in rotated orders (a Latin square) so background load from other programs hits each alike;
 * the first seconds after each switch are not counted. Rates come from the trainer's status events (frames
 * and training seconds, taken together twice a second), recorded by a socket of this test process, so they
 * measure the training loop, not the UI; metric logging stays at the preset's rate, so the charts draw
 * as often as in real use. Runs only with DQN_BENCH=1:
 *   DQN_BENCH=1 npx vitest run --config vitest.e2e.config.ts test/e2e/display-bench.test.ts
 * Knobs: DQN_BENCH_ROUNDS (9), DQN_BENCH_PHASE_MS (10000), DQN_BENCH_SETTLE_MS (2500), DQN_BENCH_PRESET.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_PATH } from '../../shared/ipc/wire';
import { browserSkipReason, launchBrowser, startServe, type BrowserHandle, type ServeHandle } from '../support/browser';

const enabled = process.env.DQN_BENCH === '1';
const skip = enabled ? browserSkipReason({ needRoms: true }) : 'set DQN_BENCH=1 to run the display benchmark';
const ROUNDS = Number(process.env.DQN_BENCH_ROUNDS ?? 9);
const PHASE_MS = Number(process.env.DQN_BENCH_PHASE_MS ?? 10_000);
const SETTLE_MS = Number(process.env.DQN_BENCH_SETTLE_MS ?? 2_500);
const PRESET = process.env.DQN_BENCH_PRESET ?? 'notebook-fixed';
const WARMUP_MS = 20_000;

type Condition = 'on' | 'off' | 'none';
const CONDITIONS: readonly Condition[] = ['on', 'off', 'none'];
const ORDERS: readonly (readonly Condition[])[] = [
  ['on', 'off', 'none'],
  ['off', 'none', 'on'],
  ['none', 'on', 'off'],
];

/** CPU seconds (user + system) so far of a process or thread, from /proc (0 once it is gone). */
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

/** CPU seconds of the browser (all its processes) and of each of the server's threads. */
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
      continue; // exited meanwhile
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

interface ConditionStats {
  readonly fps: number;
  readonly perRound: number[];
  readonly frames: number;
  readonly browserCores: number;
  readonly serverOtherCores: number;
  readonly trainerCores: number;
}

interface Phase {
  readonly condition: Condition;
  readonly round: number;
  readonly start: number;
  readonly end: number;
  readonly browserCores: number;
  readonly trainerCores: number;
  readonly serverCores: number;
  readonly load1: number;
}

/** A socket of this process: starts the run and records the trainer's progress as it arrives. */
async function recorder(
  url: string,
): Promise<{ samples: Sample[]; invoke(channel: string, req: unknown): void; close(): void }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws').replace(/\/$/, '')}${WS_PATH}`, {
    origin: url.replace(/\/$/, ''),
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const samples: Sample[] = [];
  let id = 0;
  ws.on('message', (data, binary) => {
    if (binary) return;
    const m = JSON.parse(String(data)) as { t: string; channel?: string; payload?: unknown };
    if (m.t !== 'event' || m.channel !== 'trainer:status') return;
    const s = m.payload as { state: string; frames: number; elapsed: number };
    if (s.state === 'running') samples.push({ frames: s.frames, wallTime: s.elapsed, at: performance.now() });
  });
  return {
    samples,
    invoke: (channel, req) => ws.send(JSON.stringify({ t: 'invoke', id: ++id, channel, req })),
    close: () => ws.close(),
  };
}

/** Frames per training second over the samples that fall inside the counted part of `phases`. */
function rate(samples: readonly Sample[], phases: readonly Phase[]): { fps: number; frames: number } {
  let frames = 0;
  let seconds = 0;
  for (const p of phases) {
    const inside = samples.filter((s) => s.at >= p.start + SETTLE_MS && s.at <= p.end);
    if (inside.length < 2) continue;
    frames += inside.at(-1)!.frames - inside[0].frames;
    seconds += inside.at(-1)!.wallTime - inside[0].wallTime;
  }
  return { fps: seconds > 0 ? frames / seconds : 0, frames };
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}

const round1 = (x: number, digits = 1): number => +x.toFixed(digits);

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

  const budget = WARMUP_MS + 3 * ROUNDS * (PHASE_MS + 5_000) + 120_000;
  it('measures trainer frames/s with the display on, off, and with no page', { timeout: budget }, async () => {
    const { page } = browser;
    const rec = await recorder(server.url);
    // No evaluations or checkpoints inside the measurement (they stall the frame count).
    const overrides = { replayCapacity: 20_000, learningStarts: 1000, evalEpisodes: 0, checkpointEvery: 50_000_000 };
    rec.invoke('trainer:start', { gameId: 'space_invaders', preset: PRESET, overrides, seed: 1, frames: 50_000_000 });
    const status = page.getByTestId('run-status');
    const toggle = page.getByTestId('display-toggle');
    const show = async (display: boolean): Promise<void> => {
      if (!page.url().startsWith(server.url)) await page.goto(server.url);
      await expect.poll(() => status.textContent(), { timeout: 120_000 }).toContain('running');
      await toggle.setChecked(display);
    };
    await show(true);
    await page.waitForTimeout(WARMUP_MS); // past learning starts, wasm compiled
    const phases: Phase[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const condition of ORDERS[round % ORDERS.length]) {
        if (condition === 'none') await page.goto('about:blank');
        else await show(condition === 'on');
        const start = performance.now();
        await page.waitForTimeout(SETTLE_MS);
        const counted = cpuSnapshot(server.pid, browser.profile);
        const load1 = loadavg()[0];
        await page.waitForTimeout(PHASE_MS - SETTLE_MS);
        const after = cpuSnapshot(server.pid, browser.profile);
        const seconds = (PHASE_MS - SETTLE_MS) / 1000;
        const deltas = [...after.threads].map(([tid, t]) => t - (counted.threads.get(tid) ?? t));
        phases.push({
          condition,
          round,
          start,
          end: performance.now(),
          browserCores: (after.browser - counted.browser) / seconds,
          serverCores: deltas.reduce((a, b) => a + b, 0) / seconds,
          trainerCores: Math.max(0, ...deltas) / seconds, // the trainer's worker is by far the busiest thread
          load1: (load1 + loadavg()[0]) / 2,
        });
      }
    }
    await show(true);
    await page.getByTestId('stop-run').click();
    await expect.poll(() => status.textContent(), { timeout: 120_000 }).toContain('stopped');
    rec.close();

    const of = (c: Condition): Phase[] => phases.filter((p) => p.condition === c);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    const byCondition = Object.fromEntries(
      CONDITIONS.map((c): [Condition, ConditionStats] => {
        const r = rate(rec.samples, of(c));
        const perRound = of(c).map((p) => Math.round(rate(rec.samples, [p]).fps));
        return [
          c,
          {
            fps: Math.round(r.fps),
            perRound,
            frames: r.frames,
            browserCores: round1(mean(of(c).map((p) => p.browserCores)), 3),
            serverOtherCores: round1(mean(of(c).map((p) => p.serverCores - p.trainerCores)), 3),
            trainerCores: round1(mean(of(c).map((p) => p.trainerCores)), 3),
          },
        ];
      }),
    ) as Record<Condition, ConditionStats>;
    // Each round measures the three conditions minutes apart at most: compare within rounds.
    const ratios = (a: Condition, b: Condition): number[] =>
      [...Array(ROUNDS).keys()]
        .map((r) => {
          const x = rate(
            rec.samples,
            phases.filter((p) => p.round === r && p.condition === a),
          ).fps;
          const y = rate(
            rec.samples,
            phases.filter((p) => p.round === r && p.condition === b),
          ).fps;
          return x > 0 && y > 0 ? x / y : NaN;
        })
        .filter(Number.isFinite);
    const slowdown = (a: Condition, b: Condition): Record<string, number> => {
      const r = ratios(a, b);
      const pooled = byCondition[b].fps > 0 ? 1 - byCondition[a].fps / byCondition[b].fps : NaN;
      return {
        pooledPercent: round1(100 * pooled),
        medianPercent: round1(100 * (1 - median(r))),
        minPercent: round1(100 * (1 - Math.max(...r))),
        maxPercent: round1(100 * (1 - Math.min(...r))),
      };
    };
    const result = {
      preset: PRESET,
      rounds: ROUNDS,
      phaseSeconds: PHASE_MS / 1000,
      countedSeconds: (PHASE_MS - SETTLE_MS) / 1000,
      loadAverage: round1(mean(phases.map((p) => p.load1)), 2),
      conditions: byCondition,
      // Positive = the display made training slower. Median and range of the per-round ratios.
      slowdownOnVsOff: slowdown('on', 'off'),
      slowdownOnVsNoPage: slowdown('on', 'none'),
    };
    console.log(`display benchmark: ${JSON.stringify(result)}`);
    for (const c of CONDITIONS) expect(byCondition[c].frames).toBeGreaterThan(0);
  });
});
