import { describe, expect, it } from 'vitest';
import type { DisplayFrame, TrainerStatus } from '../../shared/ipc/contract';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import type { RunStore } from '../../electron/runs/types';
import { syntheticDeps } from '../../electron/trainer/deps';
import { InProcessTrainerHost } from '../../electron/trainer/in-process-host';
import {
  connectTrainerHost,
  serveTrainerHost,
  type TrainerMessage,
  type TrainerPort,
} from '../../electron/trainer/protocol';

const LONG = {
  totalFrames: 10_000_000,
  replayCapacity: 500,
  learningStarts: 100,
  evalEvery: 0,
  evalEpisodes: 0,
  logEvery: 20,
  checkpointEvery: 10_000_000,
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function host(store: RunStore = createMemoryRunStore()) {
  return { store, host: new InProcessTrainerHost(await syntheticDeps({ store })) };
}

describe('InProcessTrainerHost', () => {
  it('pauses, resumes, samples display frames and stops with a final checkpoint', async () => {
    const { store, host: h } = await host();
    const frames: DisplayFrame[] = [];
    const states: string[] = [];
    h.on('frame', (f) => frames.push(f));
    h.on('status', (s: TrainerStatus) => states.push(s.state));
    await h.setDisplay('turbo', true);
    const started = await h.start({
      gameId: 'synthetic',
      preset: 'nature',
      overrides: LONG,
      seed: 1,
      name: 'host test',
    });
    expect(started).toMatchObject({ state: 'running', runName: 'host test', frameBudget: 10_000_000 });
    await expect(h.start({ gameId: 'synthetic', preset: 'nature' })).rejects.toMatchObject({ code: 'trainer-busy' });
    await sleep(1000);
    // Turbo: sampled (at most ~20/s), never every step.
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThan(30);
    const gaps = frames.slice(1).map((x, i) => x.steps - frames[i].steps);
    expect(Math.max(...gaps)).toBeGreaterThan(1);
    const f = frames[0];
    expect(f.screen.length).toBe(210 * 160);
    expect(f.observation).toMatchObject({ width: 84, height: 84, channels: 4 });
    expect(f.observation.data.length).toBe(4 * 84 * 84);
    expect(f.qValues).toHaveLength(6);
    expect(f.actionNames).toContain('FIRE');

    await h.pause();
    const pausedAt = h.status().frames;
    await sleep(300);
    expect(h.status().state).toBe('paused');
    expect(h.status().frames).toBe(pausedAt);
    await h.resume();

    // Watch mode: real time, 60 emulated frames per second (15 steps at frame skip 4), every step shown.
    await h.setDisplay('watch', true);
    await sleep(100);
    const before = { frames: frames.length, at: frames.at(-1)!.frames };
    await sleep(1000);
    const shown = frames.slice(before.frames);
    const advanced = frames.at(-1)!.frames - before.at;
    // At most real time (a slow machine may fall behind it), and every step shown.
    expect(advanced).toBeGreaterThan(0);
    expect(advanced).toBeLessThan(100);
    expect(shown.slice(1).every((x, i) => x.steps === shown[i].steps + 1)).toBe(true);

    const stopped = await h.stop();
    expect(stopped.state).toBe('stopped');
    const meta = await store.readMeta(started.runId!);
    expect(meta.status).toBe('stopped');
    const ckpt = await store.latestCheckpoint(started.runId!);
    expect(ckpt!.step).toBe(meta.steps);
    expect(states).toContain('paused');
  });

  it('fails clearly on a bad config or an unknown ROM, and marks a failed run', async () => {
    const { host: h } = await host();
    await expect(h.start({ gameId: 'synthetic', preset: 'nature', overrides: { gamma: 5 } })).rejects.toMatchObject({
      field: 'gamma',
    });
    const failing = new InProcessTrainerHost({
      ...(await syntheticDeps({ store: createMemoryRunStore() })),
      loadRom: async (id) => {
        throw Object.assign(new Error(`no ROM for ${id}`), { code: 'rom-missing' });
      },
    });
    await expect(failing.start({ gameId: 'pong', preset: 'nature' })).rejects.toThrow('no ROM for pong');

    // A replay memory the machine cannot hold is refused before any run folder exists.
    const roomy = createMemoryRunStore();
    const h3 = new InProcessTrainerHost(await syntheticDeps({ store: roomy }));
    await expect(
      h3.start({ gameId: 'synthetic', preset: 'nature', overrides: { replayCapacity: 50_000_000 } }),
    ).rejects.toMatchObject({
      field: 'replayCapacity',
      message: expect.stringMatching(/replayCapacity 50000000 needs .* GB/),
    });
    expect(await roomy.list()).toEqual([]);

    const store = createMemoryRunStore();
    const broken: RunStore = { ...store, appendMetrics: async () => Promise.reject(new Error('ENOSPC: disk full')) };
    const h2 = new InProcessTrainerHost(await syntheticDeps({ store: broken }));
    const s = await h2.start({ gameId: 'synthetic', preset: 'nature', overrides: LONG, seed: 2 });
    await h2.whenIdle();
    expect(h2.status()).toMatchObject({ state: 'failed', error: 'ENOSPC: disk full' });
    expect((await store.readMeta(s.runId!)).status).toBe('failed');
  });

  it('works through the message protocol (what the worker and utility process use)', async () => {
    const { host: inner } = await host();
    const channel = new MessageChannel();
    const port = (p: MessagePort): TrainerPort => ({
      post: (m) => p.postMessage(m),
      onMessage(listener) {
        const handler = (e: MessageEvent<TrainerMessage>) => listener(e.data);
        p.addEventListener('message', handler);
        p.start();
        return () => p.removeEventListener('message', handler);
      },
    });
    serveTrainerHost(inner, port(channel.port1));
    const remote = connectTrainerHost(port(channel.port2), async () => ({ bytes: new Uint8Array(4096) }));
    await remote.ready;
    const metrics: unknown[] = [];
    remote.on('metrics', (m) => metrics.push(...m));
    const s = await remote.start({
      gameId: 'synthetic',
      preset: 'nature',
      overrides: { ...LONG, totalFrames: 3000 },
      seed: 3,
    });
    expect(s.state).toBe('running');
    await expect(remote.start({ gameId: 'synthetic', preset: 'nature' })).rejects.toMatchObject({
      code: 'trainer-busy',
    });
    await inner.whenIdle();
    await sleep(50);
    expect(remote.status().state).toBe('finished');
    expect(metrics.length).toBeGreaterThan(0);
    channel.port1.close();
  });
});
