/** Trainer and run channels: request checking here, the work in TrainerHost and the run catalog. */
import type { DisplayMode, NewRunRequest } from '../../shared/ipc/contract';
import type { TrainerHost } from '../trainer/types';
import type { Handlers } from './backend';
import { requireString, StudioFailure } from './errors';
import type { RomLibrary } from './rom-library';
import type { RunCatalog } from './types';

type TrainerChannels =
  | 'trainer:status'
  | 'trainer:start'
  | 'trainer:resume-run'
  | 'trainer:pause'
  | 'trainer:resume'
  | 'trainer:stop'
  | 'trainer:display';
type RunChannels =
  | 'runs:list'
  | 'runs:get'
  | 'runs:metrics'
  | 'runs:episodes'
  | 'runs:rename'
  | 'runs:delete'
  | 'runs:restore'
  | 'runs:export'
  | 'runs:import'
  | 'runs:policy';

/** Run ids name folders: a strict alphabet keeps any request from reaching outside the runs folder. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const DISPLAY_MODES: readonly DisplayMode[] = ['watch', 'turbo'];

export function requireRunId(req: unknown): string {
  const id = requireString(req, 'runId');
  if (!RUN_ID.test(id) || id.includes('..'))
    throw new StudioFailure('bad-request', `'${id}' is not a run id.`, 'runId');
  return id;
}

export function checkNewRun(req: unknown): NewRunRequest {
  if (req === null || typeof req !== 'object') throw new StudioFailure('bad-request', 'No run settings were sent.');
  const r = req as Record<string, unknown>;
  const gameId = requireString(r, 'gameId');
  const preset = requireString(r, 'preset');
  const optionalNumber = (field: 'seed' | 'frames'): number | undefined => {
    const v = r[field];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new StudioFailure('invalid-config', `'${field}' must be a whole number of at least 0.`, field);
    }
    return v;
  };
  const overrides = r.overrides;
  if (overrides !== undefined && (overrides === null || typeof overrides !== 'object' || Array.isArray(overrides))) {
    throw new StudioFailure('bad-request', "'overrides' must be an object of field values.", 'overrides');
  }
  const seed = optionalNumber('seed');
  const frames = optionalNumber('frames');
  return {
    gameId,
    preset,
    ...(overrides ? { overrides: overrides as Record<string, unknown> } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(frames !== undefined ? { frames } : {}),
    ...(typeof r.name === 'string' && r.name.trim() ? { name: r.name.trim().slice(0, 200) } : {}),
  };
}

export function trainerHandlers(trainer: TrainerHost, roms: RomLibrary): Pick<Handlers, TrainerChannels> {
  return {
    'trainer:status': async () => trainer.status(),
    'trainer:start': async (req) => {
      const request = checkNewRun(req);
      if (!(await roms.find(request.gameId))) {
        throw new StudioFailure(
          'rom-not-found',
          `No ROM for '${request.gameId}' was found: add it first (ROM folder or upload).`,
          'gameId',
        );
      }
      return trainer.start(request);
    },
    'trainer:resume-run': async (req) => trainer.resumeRun(requireRunId(req)),
    'trainer:pause': () => trainer.pause(),
    'trainer:resume': () => trainer.resume(),
    'trainer:stop': () => trainer.stop(),
    'trainer:display': async (req) => {
      const r = (req ?? {}) as { mode?: unknown; enabled?: unknown };
      if (!DISPLAY_MODES.includes(r.mode as DisplayMode)) {
        throw new StudioFailure('bad-request', "'mode' must be 'watch' or 'turbo'.", 'mode');
      }
      if (typeof r.enabled !== 'boolean') throw new StudioFailure('bad-request', "'enabled' must be true or false.");
      return trainer.setDisplay(r.mode as DisplayMode, r.enabled);
    },
  };
}

export function runHandlers(runs: RunCatalog, changed: () => void): Pick<Handlers, RunChannels> {
  const mutate = async <T>(work: Promise<T>): Promise<T> => {
    const out = await work;
    changed();
    return out;
  };
  return {
    'runs:list': () => runs.list(),
    'runs:get': (req) => runs.get(requireRunId(req)),
    'runs:metrics': (req) => runs.metrics(requireRunId(req)),
    'runs:episodes': (req) => runs.episodes(requireRunId(req)),
    'runs:rename': (req) => {
      const name = requireString(req, 'name').trim();
      if (!name) throw new StudioFailure('bad-request', 'A run name cannot be blank.', 'name');
      return mutate(runs.rename(requireRunId(req), name.slice(0, 200)));
    },
    'runs:delete': (req) => mutate(runs.trash(requireRunId(req))),
    'runs:restore': (req) => mutate(runs.restore(requireRunId(req))),
    'runs:export': (req) => runs.exportRun(requireRunId(req)),
    'runs:import': (req) => {
      const bytes = (req as { bytes?: unknown } | undefined)?.bytes;
      if (!(bytes instanceof Uint8Array)) throw new StudioFailure('bad-request', 'No run archive was sent.', 'bytes');
      return mutate(runs.importRun(bytes));
    },
    'runs:policy': (req) => runs.policy(requireRunId(req)),
  };
}
