/**
 * `train`: trains a run on a worker thread (or in-process with --in-process), with a progress bar on
 * stderr and JSON lines on stdout: {"event":"start"}, every metric record, {"event":"end"}.
 * Ctrl-C stops after a final checkpoint; `--resume RUN_ID` continues a run (also after kill -9).
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { BackendName } from '../../agent/types';
import type { TrainerStatus } from '../../../shared/ipc/contract';
import type { MetricRecord } from '../../../shared/metrics';
import { isPresetName, PRESET_NAMES } from '../../../shared/run-config';
import { UsageError } from '../args';
import { emitJson, type CliCommand, type CliIo } from '../command';
import { packageInfo } from '../version';
import type { LoadedRom } from '../../trainer/deps';
import type { TrainerHost } from '../../trainer/types';
import { findRom } from '../../trainer/find-rom';
import { formatProgress } from '../../trainer/progress-line';

const FINAL_STATES = new Set(['finished', 'stopped', 'failed']);
const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'];

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a DQN on a ROM (JSON lines on stdout, progress on stderr)',
  options: {
    rom: { type: 'string', description: 'Path to the game ROM (.bin)', placeholder: 'path' },
    game: { type: 'string', description: 'Game id (default: identified from the ROM)', placeholder: 'id' },
    preset: { type: 'string', description: `Recipe: ${PRESET_NAMES.join(', ')}`, placeholder: 'name' },
    config: { type: 'string', description: 'JSON file of config overrides (field: value)', placeholder: 'file' },
    frames: { type: 'number', description: 'Frame budget (overrides totalFrames)', placeholder: 'n' },
    runs: { type: 'string', description: 'Runs folder', default: 'runs', placeholder: 'dir' },
    name: { type: 'string', description: 'Run name', placeholder: 'name' },
    seed: { type: 'number', description: 'Seed (default: random, recorded in meta.json)', placeholder: 's' },
    backend: {
      type: 'string',
      description: `TensorFlow.js backend: ${BACKENDS.join(', ')}`,
      default: 'auto',
      placeholder: 'b',
    },
    resume: {
      type: 'string',
      description: 'Continue this run id (in --runs) from its last checkpoint',
      placeholder: 'id',
    },
    synthetic: { type: 'boolean', description: 'Use the synthetic test env and pure-JS agent (no ROM, no TensorFlow)' },
    'in-process': { type: 'boolean', description: 'Train on the main thread instead of a worker' },
  },
  async run(options, io) {
    const backend = String(options.backend);
    if (!BACKENDS.includes(backend)) throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')}`);
    const synthetic = options.synthetic === true;
    const runsDir = resolve(String(options.runs));
    const resumeId = options.resume as string | undefined;
    if (!resumeId && !options.preset) throw new UsageError('--preset is required (or --resume)');
    if (options.preset !== undefined && !isPresetName(options.preset)) {
      throw new UsageError(`unknown preset '${String(options.preset)}' (choose one of ${PRESET_NAMES.join(', ')})`);
    }
    if (!synthetic && !options.rom && !resumeId) throw new UsageError('--rom is required');
    let rom: LoadedRom | null = null;
    let gameId = 'synthetic';
    if (!synthetic && resumeId && !options.rom) {
      // Resuming: the run knows its game; find the ROM where `eval` looks.
      const { createRunStore } = await import('../../runs/run-store');
      gameId = (await createRunStore(runsDir).readMeta(resumeId)).gameId;
      rom = await findRom(gameId);
    } else if (!synthetic) {
      rom = await readRom(String(options.rom));
      gameId = (options.game as string | undefined) ?? (await identify(rom));
    }
    const overrides = options.config ? await readOverrides(String(options.config)) : {};
    const loadRom = async (wanted: string): Promise<LoadedRom> => {
      if (synthetic) return { bytes: new Uint8Array(4096), fileName: 'synthetic.bin' };
      if (wanted !== gameId) throw new Error(`this train command has a ROM for ${gameId}, not ${wanted}`);
      return rom!;
    };
    const childOptions = {
      runsDir,
      synthetic,
      backend: backend as BackendName | 'auto',
      versions: { app: packageInfo().version },
    };
    const host = await makeHost(options['in-process'] === true, childOptions, loadRom);
    return drive(
      host,
      io,
      async () =>
        resumeId
          ? host.resumeRun(resumeId)
          : host.start({
              gameId,
              preset: String(options.preset),
              overrides,
              frames: options.frames as number | undefined,
              seed: options.seed as number | undefined,
              name: options.name as string | undefined,
            }),
      runsDir,
    );
  },
};

async function makeHost(
  inProcess: boolean,
  child: { runsDir: string; synthetic: boolean; backend: BackendName | 'auto'; versions: Record<string, string> },
  loadRom: (gameId: string) => Promise<LoadedRom>,
): Promise<TrainerHost> {
  if (inProcess) {
    const [{ createRunStore }, deps, { InProcessTrainerHost }] = await Promise.all([
      import('../../runs/run-store'),
      import('../../trainer/deps'),
      import('../../trainer/in-process-host'),
    ]);
    const base = { store: createRunStore(child.runsDir), loadRom, backend: child.backend, versions: child.versions };
    return new InProcessTrainerHost(child.synthetic ? await deps.syntheticDeps(base) : await deps.loadRealDeps(base));
  }
  const { WorkerTrainerHost } = await import('../../trainer/worker-host');
  return new WorkerTrainerHost({ ...child, loadRom });
}

async function drive(
  host: TrainerHost,
  io: CliIo,
  begin: () => Promise<TrainerStatus>,
  runsDir: string,
): Promise<number> {
  let lastReturn: number | null = null;
  let lastEval: number | null = null;
  let lastDraw = 0;
  let finalStatus: TrainerStatus | null = null;
  let settle: (s: TrainerStatus) => void = () => {};
  const ended = new Promise<TrainerStatus>((resolve) => (settle = resolve));
  let started = false;
  const draw = (s: TrainerStatus, force = false): void => {
    const now = Date.now();
    if (!force && now - lastDraw < (io.isTty ? 200 : 10_000)) return;
    lastDraw = now;
    const line = formatProgress(s, lastReturn, lastEval);
    io.err(io.isTty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  host.on('metrics', (records: readonly MetricRecord[]) => {
    for (const r of records) {
      if (r.kind === 'episode') lastReturn = r.return;
      if (r.kind === 'eval') lastEval = r.mean;
      emitJson(io, r);
    }
  });
  host.on('status', (s) => {
    if (!started) return;
    if (FINAL_STATES.has(s.state)) {
      finalStatus = s;
      settle(s);
    } else draw(s);
  });
  const onSignal = (): void => {
    io.err('\nStopping after a final checkpoint (Ctrl-C again to abort)...\n');
    process.off('SIGINT', onSignal);
    void host.stop();
  };
  process.on('SIGINT', onSignal);
  try {
    const status = await begin();
    started = true;
    emitJson(io, {
      event: 'start',
      runId: status.runId,
      dir: `${runsDir}/${status.runId}`,
      preset: status.preset,
      gameId: status.gameId,
      frameBudget: status.frameBudget,
      backend: status.backend,
    });
    if (FINAL_STATES.has(host.status().state) && host.status().runId === status.runId) finalStatus = host.status();
    const end = finalStatus ?? (await ended);
    draw(end, true);
    if (io.isTty) io.err('\n');
    emitJson(io, {
      event: 'end',
      runId: end.runId,
      state: end.state,
      frames: end.frames,
      steps: end.steps,
      episodes: end.episodes,
      lastReturn,
      lastEval,
      error: end.error,
    });
    if (end.state === 'failed') io.err(`dqn-studio train: the run failed: ${end.error ?? 'unknown error'}\n`);
    return end.state === 'failed' ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    await host.dispose().catch(() => undefined);
  }
}

async function readRom(path: string): Promise<LoadedRom> {
  try {
    return { bytes: new Uint8Array(await readFile(path)), fileName: basename(path) };
  } catch (error) {
    throw new Error(`cannot read the ROM '${path}': ${(error as Error).message}`, { cause: error });
  }
}

async function identify(rom: LoadedRom): Promise<string> {
  const { identifyRom } = await import('../../ale/roms');
  return identifyRom(rom.bytes, rom.fileName).game.id;
}

async function readOverrides(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --config '${path}': ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--config '${path}' is not valid JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(`--config '${path}' must hold a JSON object of config fields`);
  }
  // A whole saved config.json also works: its preset and algorithm must match --preset anyway.
  const { preset: _p, algorithm: _a, ...rest } = value as Record<string, unknown>;
  return rest;
}
