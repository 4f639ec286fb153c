/**
 * Runs training in this thread (tests, and inside the worker / utility process, where it is the real
 * host). Composes run store, env, agent, replay and loop; turns loop output into run-folder writes and
 * TrainerEvents.
 */
import { freemem, hostname } from 'node:os';
import type { DqnAgent } from '../agent/types';
import type { Env } from '../ale/types';
import type { ReplayBuffer } from '../replay/types';
import type { DisplayMode, NewRunRequest, RunState, TrainerStatus } from '../../shared/ipc/contract';
import { IDLE_TRAINER_STATUS } from '../../shared/ipc/contract';
import { observationShape, resolveRunConfig, type RunConfig } from '../../shared/run-config';
import type { RunMeta } from '../runs/types';
import type { TrainerDeps } from './deps';
import { envOptions } from './loop/evaluate';
import { agentOptionsFor } from './agent-options';
import type { LoopCheckpoint } from './loop/types';
import { createRunSink } from './run-sink';
import { RunControl } from './run-control';
import { runTraining } from './training-loop';
import type { TrainerEvents, TrainerHost } from './types';

export class TrainerError extends Error {
  override readonly name = 'TrainerError';
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

interface ActiveRun {
  meta: RunMeta;
  config: RunConfig;
  control: RunControl;
  agent: DqnAgent;
  done: Promise<void>;
  /** Training seconds before this session (a resumed run's earlier sessions). */
  elapsedBefore: number;
}

const STATUS_INTERVAL_MS = 500;

export class InProcessTrainerHost implements TrainerHost {
  private readonly listeners: { [E in keyof TrainerEvents]: Set<TrainerEvents[E]> } = {
    status: new Set(),
    metrics: new Set(),
    frame: new Set(),
  };
  private current: TrainerStatus = IDLE_TRAINER_STATUS;
  private active: ActiveRun | null = null;
  private display: { mode: DisplayMode; enabled: boolean } = { mode: 'turbo', enabled: false };
  private lastStatusAt = 0;
  private busy = false;

  constructor(private readonly deps: TrainerDeps) {}

  status(): TrainerStatus {
    const run = this.active;
    if (!run) return this.current;
    const elapsed = run.elapsedBefore + run.control.elapsed();
    const { frames, fps, frameBudget } = this.current;
    const eta = fps > 0 ? Math.max(0, (frameBudget - frames) / fps) : null;
    return { ...this.current, elapsed, eta, display: this.display.mode };
  }

  async start(request: NewRunRequest): Promise<TrainerStatus> {
    return this.launch(async () => {
      const overrides = { ...(request.overrides ?? {}) };
      if (request.frames !== undefined) overrides.totalFrames = request.frames;
      const config = resolveRunConfig(request.preset, overrides);
      const seed = request.seed ?? Math.floor(Math.random() * 2 ** 31) >>> 0;
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
        throw new TrainerError('invalid-config', 'seed must be a whole number from 0 to 4294967295', 'seed');
      const rom = await this.deps.loadRom(request.gameId);
      const env = this.deps.createEnv(rom.bytes, { ...envOptions(config, seed), fileName: rom.fileName });
      if (env.gameId !== request.gameId && env.gameId !== 'synthetic') {
        throw new TrainerError('rom-mismatch', `The ROM is ${env.gameId}, not ${request.gameId}.`, 'gameId');
      }
      const backend = await this.deps.initBackend(this.deps.backend);
      const replay = this.allocateReplay(config);
      const agent = this.makeAgent(config, env, seed);
      const meta = await this.deps.store.create({
        name: request.name,
        config,
        meta: {
          gameId: request.gameId,
          preset: config.preset,
          romMd5: this.deps.md5(rom.bytes),
          romFile: rom.fileName,
          backend: backend.name,
          backendDetail: backend.detail,
          versions: { ...this.deps.versions, node: process.versions.node, tfjs: backend.tfjsVersion },
          seed,
          frameBudget: config.totalFrames,
        },
      });
      return { meta, config, env, agent, rom, replay };
    });
  }

  async resumeRun(runId: string): Promise<TrainerStatus> {
    return this.launch(async () => {
      const store = this.deps.store;
      const meta = await store.readMeta(runId);
      const config = await store.readConfig(runId);
      const checkpoint = await store.latestCheckpoint(runId);
      const rom = await this.deps.loadRom(meta.gameId);
      const md5 = this.deps.md5(rom.bytes);
      if (md5 !== meta.romMd5) {
        throw new TrainerError('rom-mismatch', `Run '${runId}' was trained on ROM ${meta.romMd5}; this ROM is ${md5}.`);
      }
      const env = this.deps.createEnv(rom.bytes, { ...envOptions(config, meta.seed), fileName: rom.fileName });
      await this.deps.initBackend(this.deps.backend);
      const replay = this.allocateReplay(config);
      const agent = this.makeAgent(config, env, meta.seed);
      // What was logged after the checkpoint is logged again by the resumed loop.
      await store.rewindLogs(runId, checkpoint?.logs ?? { metrics: 0, episodes: 0 });
      return { meta, config, env, agent, rom, replay, resume: checkpoint ?? undefined };
    });
  }

  async pause(): Promise<TrainerStatus> {
    const run = this.requireActive();
    run.control.pause();
    this.setState('paused');
    await this.deps.store.updateMeta(run.meta.id, { status: 'paused' });
    return this.status();
  }

  async resume(): Promise<TrainerStatus> {
    const run = this.requireActive();
    run.control.resume();
    this.setState('running');
    await this.deps.store.updateMeta(run.meta.id, { status: 'running' });
    return this.status();
  }

  async stop(): Promise<TrainerStatus> {
    const run = this.active;
    if (!run) return this.status();
    this.setState('stopping');
    run.control.stop();
    await run.done;
    return this.status();
  }

  async setDisplay(mode: DisplayMode, enabled: boolean): Promise<TrainerStatus> {
    if (mode !== 'watch' && mode !== 'turbo')
      throw new TrainerError('invalid-request', `unknown display mode '${String(mode)}'`, 'mode');
    this.display = { mode, enabled };
    this.active?.control.setDisplay(mode, enabled);
    this.emit('status', this.status());
    return this.status();
  }

  on<E extends keyof TrainerEvents>(event: E, listener: TrainerEvents[E]): () => void {
    const set = this.listeners[event] as Set<TrainerEvents[E]>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Resolves when the active run (if any) has ended. */
  async whenIdle(): Promise<void> {
    await this.active?.done;
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const set of Object.values(this.listeners)) set.clear();
  }

  /**
   * The replay memory, created up front (its frame chunks are allocated as it fills): a size the machine
   * cannot hold is a config error, not a failed run hours later.
   */
  private allocateReplay(config: RunConfig): ReplayBuffer | undefined {
    if (config.algorithm !== 'replay') return undefined;
    const { height, width } = observationShape(config);
    const bytes = (config.replayCapacity + config.frameStack) * height * width;
    const free = freemem();
    const gb = (n: number): string => `${(n / 1024 ** 3).toFixed(1)} GB`;
    if (bytes > free * 0.8) {
      throw new TrainerError(
        'invalid-config',
        `replayCapacity ${config.replayCapacity} needs ${gb(bytes)} of memory and only ${gb(free)} is free: lower it`,
        'replayCapacity',
      );
    }
    try {
      return this.deps.createReplay({
        capacity: config.replayCapacity,
        frameHeight: height,
        frameWidth: width,
        stack: config.frameStack,
      });
    } catch (error) {
      throw new TrainerError(
        'invalid-config',
        `replayCapacity ${config.replayCapacity} (${gb(bytes)}) could not be allocated: ${(error as Error).message}`,
        'replayCapacity',
      );
    }
  }

  private makeAgent(config: RunConfig, env: Env, seed: number): DqnAgent {
    return this.deps.createAgent(agentOptionsFor(config, env.actionSet.length, seed));
  }

  private async launch(
    prepare: () => Promise<{
      meta: RunMeta;
      config: RunConfig;
      env: Env;
      agent: DqnAgent;
      rom: { bytes: Uint8Array; fileName?: string };
      replay?: ReplayBuffer;
      resume?: LoopCheckpoint;
    }>,
  ): Promise<TrainerStatus> {
    if (this.active || this.busy) throw new TrainerError('trainer-busy', 'A run is already active: stop it first.');
    this.busy = true;
    let prepared;
    try {
      prepared = await prepare();
    } finally {
      this.busy = false;
    }
    const { meta, config, env, agent, rom, resume } = prepared;
    const control = new RunControl(this.display);
    const run: ActiveRun = {
      meta,
      config,
      control,
      agent,
      done: Promise.resolve(),
      elapsedBefore: Number(resume?.loop.wallTime ?? 0),
    };
    this.active = run;
    this.current = {
      state: 'running',
      runId: meta.id,
      runName: meta.name,
      gameId: meta.gameId,
      preset: config.preset,
      frames: resume?.frames ?? 0,
      steps: resume?.step ?? 0,
      episodes: meta.episodes,
      frameBudget: config.totalFrames,
      elapsed: 0,
      eta: null,
      fps: 0,
      backend: meta.backend,
      display: this.display.mode,
    };
    await this.deps.store.updateMeta(meta.id, {
      status: 'running',
      error: undefined,
      pid: process.pid,
      hostname: hostname(),
    });
    // The loop gets its own copy and drops the replay snapshot from it once restored; nothing else keeps
    // the store's object once this returns (a 1M-frame snapshot is 7 GB).
    run.done = this.drive(run, env, rom, prepared.replay, resume ? { ...resume } : undefined);
    this.emit('status', this.status());
    return this.status();
  }

  private async drive(
    run: ActiveRun,
    env: Env,
    rom: { bytes: Uint8Array; fileName?: string },
    replay: ReplayBuffer | undefined,
    resume?: LoopCheckpoint,
  ): Promise<void> {
    const { meta, config, control } = run;
    const store = this.deps.store;
    const fpsWindow = { t: 0, frames: resume?.frames ?? 0 };
    const output = createRunSink({
      store,
      runId: meta.id,
      lastEval: meta.lastEval,
      bestEval: meta.bestEval,
      onWriteError: () => control.stop(),
      onMetrics: (records) => {
        for (const r of records) if (r.kind === 'episode') this.current = { ...this.current, episodes: r.episode };
        this.emit('metrics', records);
      },
      onFrame: (frame) => this.emit('frame', frame),
      onProgress: (p) => {
        // Frames per second over windows of at least a second, measured here so every loop family gets one.
        const t = control.elapsed();
        if (t - fpsWindow.t >= 1) {
          this.current = { ...this.current, fps: (p.frames - fpsWindow.frames) / (t - fpsWindow.t) };
          fpsWindow.t = t;
          fpsWindow.frames = p.frames;
        }
        this.current = { ...this.current, frames: p.frames, steps: p.steps, episodes: p.episodes };
        const now = performance.now();
        if (now - this.lastStatusAt >= STATUS_INTERVAL_MS) {
          this.lastStatusAt = now;
          this.emit('status', this.status());
        }
      },
      episodes: () => this.current.episodes,
    });
    const rebuildEnv = (seed: number): Env =>
      this.deps.createEnv(rom.bytes, { ...envOptions(config, seed), fileName: rom.fileName });
    let state: RunState;
    let error: string | undefined;
    try {
      const outcome = await runTraining({
        runId: meta.id,
        config,
        seed: meta.seed,
        env,
        createEvalEnv: rebuildEnv,
        agent: run.agent,
        // The memory was allocated before the run was created, so a too-large one fails cleanly.
        createReplay: (options) => replay ?? this.deps.createReplay(options),
        control,
        sink: output.sink,
        resume,
      });
      await output.settle();
      state = outcome === 'finished' ? 'finished' : 'stopped';
    } catch (e) {
      await output.settle().catch(() => undefined);
      const failure = output.writeError ?? e;
      state = 'failed';
      error = failure instanceof Error ? failure.message : String(failure);
    }
    try {
      await store.updateMeta(meta.id, { status: state, error, ...output.evals() });
    } catch (e) {
      error ??= e instanceof Error ? e.message : String(e);
    }
    run.agent.dispose();
    // The finished (or stopped) run keeps showing its total training time, not the 0 it started with.
    const elapsed = run.elapsedBefore + control.elapsed();
    this.active = null;
    this.current = { ...this.current, state, error, elapsed, fps: 0, eta: null };
    this.emit('status', this.status());
  }

  private requireActive(): ActiveRun {
    if (!this.active) throw new TrainerError('no-active-run', 'No run is active.');
    return this.active;
  }

  private setState(state: RunState): void {
    this.current = { ...this.current, state };
    this.emit('status', this.status());
  }

  private emit<E extends keyof TrainerEvents>(event: E, payload: Parameters<TrainerEvents[E]>[0]): void {
    for (const listener of this.listeners[event]) (listener as (p: typeof payload) => void)(payload);
  }
}
