/**
 * The one typed contract between the backend (Electron main, or `cli serve`) and the renderer.
 * Electron's preload and the WebSocket bridge both implement `StudioApi` from these maps, so the
 * renderer cannot tell them apart. Binary payloads are Uint8Array; the web bridge encodes them.
 */
import type { MetricRecord } from '../metrics';

export interface VersionInfo {
  readonly name: string;
  readonly version: string;
  /** 'electron' or 'web'. */
  readonly shell: 'electron' | 'web';
  readonly node: string;
  readonly electron?: string;
}

export interface RomInfo {
  readonly gameId: string;
  readonly title: string;
  readonly md5: string;
  /** Where it was found: 'env' (ALE_ROMS_DIR), 'app', 'ale-py', 'upload', 'path'. */
  readonly source: string;
  readonly path?: string;
}

export interface PresetInfo {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** The preset's full config, as plain JSON (see shared/run-config.ts). */
  readonly config: Record<string, unknown>;
}

export type RunState = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'stopped' | 'finished' | 'failed';

export interface TrainerStatus {
  readonly state: RunState;
  readonly runId: string | null;
  readonly runName?: string;
  readonly gameId?: string;
  readonly preset?: string;
  readonly frames: number;
  readonly steps: number;
  readonly episodes: number;
  readonly frameBudget: number;
  /** Seconds of training so far (paused time excluded). */
  readonly elapsed: number;
  /** Estimated seconds to the frame budget, or null when unknown. */
  readonly eta: number | null;
  readonly fps: number;
  readonly backend?: string;
  readonly display: DisplayMode;
  readonly error?: string;
}

/** The status of a trainer with no run: every host and the renderer start from it. */
export const IDLE_TRAINER_STATUS: TrainerStatus = {
  state: 'idle',
  runId: null,
  frames: 0,
  steps: 0,
  episodes: 0,
  frameBudget: 0,
  elapsed: 0,
  eta: null,
  fps: 0,
  display: 'turbo',
};

/** 'watch' = real time (60 emulated frames/s) with every frame shown; 'turbo' = full speed, sampled frames. */
export type DisplayMode = 'watch' | 'turbo';

/**
 * In turbo the display is a sample: a window or tab gets (and draws) at most this many frames a second.
 * Enough to follow play; few, because without a GPU each drawn frame costs the browser ~7-8 ms of CPU
 * (style, raster, a full software composite), taken from the trainer on a 2-core machine.
 */
export const TURBO_DISPLAY_FPS = 5;

export interface DisplayFrame {
  readonly runId: string;
  readonly frames: number;
  readonly steps: number;
  /** 210x160 palette-index bytes (TIA colour & 0xFE). */
  readonly screen: Uint8Array;
  /** The agent's input, uint8 grey: `channels` planes of height x width (a frame stack for nature). */
  readonly observation: {
    readonly width: number;
    readonly height: number;
    readonly channels: number;
    readonly data: Uint8Array;
  };
  readonly qValues: readonly number[];
  readonly actionNames: readonly string[];
  /** Index of the action taken. */
  readonly action: number;
  readonly epsilon: number;
}

export interface NewRunRequest {
  readonly gameId: string;
  readonly preset: string;
  /** Overrides of the preset's fields, by field name. */
  readonly overrides?: Record<string, unknown>;
  readonly seed?: number;
  readonly frames?: number;
  readonly name?: string;
}

export interface RunSummary {
  readonly id: string;
  readonly name: string;
  readonly gameId: string;
  readonly preset: string;
  readonly status: string;
  readonly frames: number;
  readonly createdAt: string;
  readonly lastEval: number | null;
  readonly bestEval: number | null;
  /** Set when the folder could not be read; the other fields are best effort. */
  readonly damaged?: string;
}

export interface RunDetail {
  readonly summary: RunSummary;
  readonly config: Record<string, unknown>;
  readonly meta: Record<string, unknown>;
}

export interface EpisodeRecord {
  readonly index: number;
  readonly seed: number;
  readonly frames: number;
  readonly score: number;
  readonly actions: readonly number[];
  readonly [extra: string]: unknown;
}

/** Request/response channels: `invoke(channel, request) -> Promise<response>`. */
export interface InvokeMap {
  'app:version': { req: void; res: VersionInfo };
  'roms:list': { req: void; res: RomInfo[] };
  'roms:add': { req: { name: string; bytes: Uint8Array }; res: RomInfo };
  'roms:choose': { req: void; res: RomInfo | null };
  'roms:bytes': { req: { gameId: string }; res: Uint8Array };
  'presets:list': { req: void; res: PresetInfo[] };
  'trainer:status': { req: void; res: TrainerStatus };
  'trainer:start': { req: NewRunRequest; res: TrainerStatus };
  'trainer:resume-run': { req: { runId: string }; res: TrainerStatus };
  'trainer:pause': { req: void; res: TrainerStatus };
  'trainer:resume': { req: void; res: TrainerStatus };
  'trainer:stop': { req: void; res: TrainerStatus };
  'trainer:display': { req: { mode: DisplayMode; enabled: boolean }; res: TrainerStatus };
  /**
   * Whether this window or tab wants display frames (the renderer's client sends it when its first frame
   * listener comes and its last goes). Subscriptions are per connection, so the shells answer it.
   */
  'trainer:frames': { req: { on: boolean }; res: void };
  'runs:list': { req: void; res: RunSummary[] };
  'runs:get': { req: { runId: string }; res: RunDetail };
  'runs:metrics': { req: { runId: string }; res: MetricRecord[] };
  'runs:episodes': { req: { runId: string }; res: EpisodeRecord[] };
  'runs:rename': { req: { runId: string; name: string }; res: RunSummary };
  'runs:delete': { req: { runId: string }; res: { trashed: string } };
  'runs:restore': { req: { runId: string }; res: RunSummary };
  'runs:export': { req: { runId: string }; res: Uint8Array };
  'runs:import': { req: { bytes: Uint8Array }; res: RunSummary };
  'runs:policy': { req: { runId: string }; res: PolicyWeights };
}

/** A checkpoint's online Q-network, for watching it play: each tensor's data is float32 bytes. */
export interface PolicyWeights {
  readonly step: number;
  readonly frames: number;
  readonly tensors: ReadonlyArray<{
    readonly name: string;
    readonly shape: readonly number[];
    readonly data: Uint8Array;
  }>;
}

/** Push channels: backend -> renderer. */
export interface EventMap {
  'trainer:status': TrainerStatus;
  'trainer:metrics': readonly MetricRecord[];
  'trainer:frame': DisplayFrame;
  'runs:changed': void;
}

export type InvokeChannel = keyof InvokeMap;
export type EventChannel = keyof EventMap;
export type InvokeRequest<C extends InvokeChannel> = InvokeMap[C]['req'];
export type InvokeResponse<C extends InvokeChannel> = InvokeMap[C]['res'];

/** What the renderer sees, whichever shell it runs in. */
export interface StudioApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void): () => void;
}

/** Allow-lists, checked at runtime by the preload and the bridge (a channel not listed is refused). */
export const INVOKE_CHANNELS = [
  'app:version',
  'roms:list',
  'roms:add',
  'roms:choose',
  'roms:bytes',
  'presets:list',
  'trainer:status',
  'trainer:start',
  'trainer:resume-run',
  'trainer:pause',
  'trainer:resume',
  'trainer:stop',
  'trainer:display',
  'trainer:frames',
  'runs:list',
  'runs:get',
  'runs:metrics',
  'runs:episodes',
  'runs:rename',
  'runs:delete',
  'runs:restore',
  'runs:export',
  'runs:import',
  'runs:policy',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = [
  'trainer:status',
  'trainer:metrics',
  'trainer:frame',
  'runs:changed',
] as const satisfies readonly EventChannel[];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

/** Errors cross the boundary as { code, message, field? } so the UI can show field-level messages. */
export interface StudioError {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}
