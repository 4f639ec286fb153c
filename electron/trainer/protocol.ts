/**
 * The message protocol between a TrainerHost proxy and the thread/process that really trains. It only
 * needs a port that carries structured-cloneable values, so a worker_threads Worker, Electron's
 * utilityProcess (wrap `child.postMessage`/`child.on('message')` and `process.parentPort`) and tests
 * (a MessageChannel) all reuse it.
 *
 *   parent -> child  {kind:'call', id, method, args}        TrainerHost methods
 *   child -> parent  {kind:'reply', id, ok, value | error}
 *   child -> parent  {kind:'event', event, payload}         TrainerEvents
 *   child -> parent  {kind:'request', id, method:'loadRom', args:[gameId]}
 *   parent -> child  {kind:'response', id, ok, value | error}
 *   child -> parent  {kind:'ready'} once, when the child can take calls
 */
import type { StudioError, TrainerStatus } from '../../shared/ipc/contract';
import { IDLE_TRAINER_STATUS } from '../../shared/ipc/contract';
import type { LoadedRom } from './deps';
import type { TrainerEvents, TrainerHost } from './types';

export const HOST_METHODS = [
  'status',
  'start',
  'resumeRun',
  'pause',
  'resume',
  'stop',
  'setDisplay',
  'dispose',
] as const;
export type HostMethod = (typeof HOST_METHODS)[number];

export type TrainerMessage =
  | { kind: 'call'; id: number; method: HostMethod; args: unknown[] }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: StudioError }
  | { kind: 'event'; event: keyof TrainerEvents; payload: unknown }
  | { kind: 'request'; id: number; method: 'loadRom'; args: [string] }
  | { kind: 'response'; id: number; ok: true; value: LoadedRom }
  | { kind: 'response'; id: number; ok: false; error: StudioError }
  | { kind: 'ready' };

export interface TrainerPort {
  post(message: TrainerMessage): void;
  onMessage(listener: (message: TrainerMessage) => void): () => void;
}

/** An Error that keeps the { code, message, field? } it crossed the port as. */
export class RemoteError extends Error {
  override readonly name = 'RemoteError';
  readonly code: string;
  readonly field?: string;
  constructor(error: StudioError) {
    super(error.message);
    this.code = error.code;
    if (error.field !== undefined) this.field = error.field;
  }
}

export function toWireError(error: unknown): StudioError {
  if (error instanceof Error) {
    const { code, field } = error as { code?: unknown; field?: unknown };
    const out: StudioError = { code: typeof code === 'string' ? code : 'internal', message: error.message };
    return typeof field === 'string' ? { ...out, field } : out;
  }
  return { code: 'internal', message: String(error) };
}

/** Child side: answers calls on `host` and forwards its events. */
export function serveTrainerHost(host: TrainerHost, port: TrainerPort): () => void {
  const offs = (['status', 'metrics', 'frame'] as const).map((event) =>
    host.on(event, (payload: unknown) => port.post({ kind: 'event', event, payload })),
  );
  const offMessage = port.onMessage(async (message) => {
    if (message.kind !== 'call') return;
    if (!(HOST_METHODS as readonly string[]).includes(message.method)) {
      port.post({
        kind: 'reply',
        id: message.id,
        ok: false,
        error: { code: 'invalid-request', message: `unknown method ${message.method}` },
      });
      return;
    }
    try {
      const fn = host[message.method] as (...args: unknown[]) => unknown;
      const value = await fn.apply(host, message.args);
      port.post({ kind: 'reply', id: message.id, ok: true, value });
    } catch (error) {
      port.post({ kind: 'reply', id: message.id, ok: false, error: toWireError(error) });
    }
  });
  port.post({ kind: 'ready' });
  return () => {
    offs.forEach((off) => off());
    offMessage();
  };
}

/** Child side: a loadRom that asks the parent (which owns the ROM library). */
export function remoteRomLoader(port: TrainerPort): (gameId: string) => Promise<LoadedRom> {
  let next = 1;
  const waiting = new Map<number, { resolve: (rom: LoadedRom) => void; reject: (e: Error) => void }>();
  port.onMessage((message) => {
    if (message.kind !== 'response') return;
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (message.ok) w.resolve(message.value);
    else w.reject(new RemoteError(message.error));
  });
  return (gameId) =>
    new Promise((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      port.post({ kind: 'request', id, method: 'loadRom', args: [gameId] });
    });
}

export interface RemoteTrainerHost extends TrainerHost {
  /** Resolves when the child has said it is ready. */
  readonly ready: Promise<void>;
  /** Rejects every pending call (the child died) and marks the host failed. */
  fail(message: string): void;
}

/** Parent side: a TrainerHost that forwards to the child; serves the child's ROM requests with `loadRom`. */
export function connectTrainerHost(
  port: TrainerPort,
  loadRom: (gameId: string) => Promise<LoadedRom>,
): RemoteTrainerHost {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners: { [E in keyof TrainerEvents]: Set<TrainerEvents[E]> } = {
    status: new Set(),
    metrics: new Set(),
    frame: new Set(),
  };
  let last: TrainerStatus = IDLE_TRAINER_STATUS;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let failure: string | null = null;

  port.onMessage(async (message) => {
    if (message.kind === 'ready') markReady();
    else if (message.kind === 'reply') {
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.ok) {
        if (isStatus(message.value)) last = message.value;
        p.resolve(message.value);
      } else p.reject(new RemoteError(message.error));
    } else if (message.kind === 'event') {
      if (message.event === 'status') last = message.payload as TrainerStatus;
      for (const listener of listeners[message.event]) (listener as (p: unknown) => void)(message.payload);
    } else if (message.kind === 'request') {
      try {
        port.post({ kind: 'response', id: message.id, ok: true, value: await loadRom(message.args[0]) });
      } catch (error) {
        port.post({ kind: 'response', id: message.id, ok: false, error: toWireError(error) });
      }
    }
  });

  const call = async <T>(method: HostMethod, ...args: unknown[]): Promise<T> => {
    if (failure) throw new RemoteError({ code: 'trainer-crashed', message: failure });
    await ready;
    return new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.post({ kind: 'call', id, method, args });
    });
  };

  return {
    ready,
    status: () => last,
    start: (request) => call('start', request),
    resumeRun: (runId) => call('resumeRun', runId),
    pause: () => call('pause'),
    resume: () => call('resume'),
    stop: () => call('stop'),
    setDisplay: (mode, enabled) => call('setDisplay', mode, enabled),
    on(event, listener) {
      const set = listeners[event] as Set<typeof listener>;
      set.add(listener);
      return () => set.delete(listener);
    },
    dispose: () => call('dispose'),
    fail(message) {
      failure = message;
      markReady();
      for (const p of pending.values()) p.reject(new RemoteError({ code: 'trainer-crashed', message }));
      pending.clear();
      last = { ...last, state: last.runId ? 'failed' : 'idle', error: message };
      for (const listener of listeners.status) listener(last);
    },
  };
}

function isStatus(value: unknown): value is TrainerStatus {
  return typeof value === 'object' && value !== null && 'state' in value && 'frameBudget' in value;
}
