/**
 * `eval`: plays K evaluation episodes with a run's newest checkpoint (ε = the run's evalEpsilon unless
 * --epsilon) and prints one JSON line: mean, median, min, max and every score. Read-only on the run.
 */
import { basename, dirname, resolve } from 'node:path';
import type { BackendName } from '../../agent/types';
import { Rng } from '../../../shared/rng';
import { UsageError } from '../args';
import { emitJson, type CliCommand } from '../command';
import { createRunStore } from '../../runs/run-store';
import { loadRealDeps, syntheticDeps, type TrainerDeps } from '../../trainer/deps';
import { agentOptionsFor } from '../../trainer/agent-options';
import { envOptions, evaluate } from '../../trainer/loop/evaluate';
import { findRom } from '../../trainer/find-rom';
import { RunControl } from '../../trainer/run-control';

export const evalCommand: CliCommand = {
  name: 'eval',
  summary: "Evaluate a run's latest checkpoint; prints mean/median/max as a JSON line",
  options: {
    run: { type: 'string', description: 'Run folder (runs/<id>)', required: true, placeholder: 'dir' },
    episodes: { type: 'number', description: 'Episodes to play', default: 10, placeholder: 'k' },
    epsilon: { type: 'number', description: "Exploration ε (default: the run's evalEpsilon)", placeholder: 'e' },
    seed: { type: 'number', description: 'Seed for the episode seeds', default: 0, placeholder: 's' },
    rom: {
      type: 'string',
      description: 'ROM path (default: $ALE_ROMS_DIR/<game>.bin or ../shared/roms)',
      placeholder: 'path',
    },
    backend: { type: 'string', description: 'TensorFlow.js backend', default: 'auto', placeholder: 'b' },
  },
  async run(options, io) {
    const episodes = options.episodes as number;
    if (!Number.isInteger(episodes) || episodes < 1)
      throw new UsageError('--episodes must be a whole number of at least 1');
    const runDir = resolve(String(options.run));
    const store = createRunStore(dirname(runDir));
    const runId = basename(runDir);
    const meta = await store.readMeta(runId);
    const config = await store.readConfig(runId);
    const checkpoint = await store.latestCheckpoint(runId);
    if (!checkpoint) throw new Error(`run '${runId}' has no checkpoint to evaluate yet`);
    const synthetic = meta.gameId === 'synthetic';
    const rom = synthetic ? null : await findRom(meta.gameId, options.rom as string | undefined);
    const base = { store, loadRom: async () => rom!, backend: String(options.backend) as BackendName | 'auto' };
    const deps: TrainerDeps = synthetic ? await syntheticDeps(base) : await loadRealDeps(base);
    if (rom && deps.md5(rom.bytes) !== meta.romMd5) {
      throw new Error(`the ROM's md5 ${deps.md5(rom.bytes)} differs from the run's ${meta.romMd5}`);
    }
    const backend = await deps.initBackend(deps.backend);
    const romBytes = rom?.bytes ?? new Uint8Array(4096);
    const createEnv = (seed: number) =>
      deps.createEnv(romBytes, { ...envOptions(config, seed), fileName: rom?.fileName });
    const probe = createEnv(0);
    const agent = deps.createAgent(agentOptionsFor(config, probe.actionSet.length, meta.seed));
    agent.restore(checkpoint.agent);
    const rng = new Rng(options.seed as number);
    const seeds = Array.from({ length: episodes }, () => rng.nextUint32());
    const evalConfig = { ...config, evalEpsilon: (options.epsilon as number | undefined) ?? config.evalEpsilon };
    const started = performance.now();
    const round = await evaluate(
      evalConfig,
      agent,
      createEnv,
      seeds,
      0,
      { frames: checkpoint.frames, steps: checkpoint.step, wallTime: 0 },
      new RunControl({ mode: 'turbo', enabled: false }),
    );
    agent.dispose();
    if (!round) throw new Error('evaluation was interrupted');
    const { mean, median, min, max } = round.metric;
    emitJson(io, {
      runId,
      checkpoint: checkpoint.step,
      trainFrames: checkpoint.frames,
      episodes,
      epsilon: evalConfig.evalEpsilon,
      mean,
      median,
      min,
      max,
      scores: round.episodes.map((e) => e.score),
      seeds,
      frames: round.episodes.reduce((n, e) => n + e.frames, 0),
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      backend: backend.name,
    });
    return 0;
  },
};
