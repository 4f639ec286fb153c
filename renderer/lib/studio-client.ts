/**
 * The renderer's one way to the backend: Electron's preload (`window.studio`) when present, else the web
 * bridge (`cli serve`) over a WebSocket to the page's own origin. Both implement the same StudioApi.
 */
import type {
  EventChannel,
  EventMap,
  InvokeChannel,
  InvokeRequest,
  InvokeResponse,
  StudioApi,
  StudioError,
} from '../../shared/ipc/contract';
import { isEventChannel, isInvokeChannel } from '../../shared/ipc/contract';
import type { ServerMessage } from '../../shared/ipc/wire';
import { decodeFrame, decodeJson, encodeJson, WS_PATH } from '../../shared/ipc/wire';

declare global {
  interface Window {
    studio?: StudioApi;
  }
}

/** A failed invoke: the backend's StudioError as a throwable, so forms can show `field` messages inline. */
export class StudioCallError extends Error implements StudioError {
  override readonly name = 'StudioCallError';
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Electron keeps only an error's message: the main process puts the StudioError JSON inside it. */
export function toCallError(error: unknown): StudioCallError {
  if (error instanceof StudioCallError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const json = message.indexOf('{');
  if (json !== -1) {
    try {
      const e = JSON.parse(message.slice(json)) as Partial<StudioError>;
      if (typeof e.code === 'string' && typeof e.message === 'string')
        return new StudioCallError(e.code, e.message, e.field);
    } catch {
      // Not an encoded StudioError: fall through.
    }
  }
  return new StudioCallError('error', message);
}

/**
 * The preload's API with errors decoded, and frames on demand: the main process sends display frames only
 * while this window has a frame listener (asked for with 'trainer:frames'), as the web bridge does per socket.
 */
export function wrapElectronApi(api: StudioApi): StudioApi {
  let frameListeners = 0;
  const wantFrames = (on: boolean): void => {
    api.invoke('trainer:frames', { on }).catch((e: unknown) => console.error('frame subscription failed', e));
  };
  return {
    invoke: (channel, request) => api.invoke(channel, request).catch((e: unknown) => Promise.reject(toCallError(e))),
    on(channel, listener) {
      const off = api.on(channel, listener);
      if (channel !== 'trainer:frame') return off;
      if (++frameListeners === 1) wantFrames(true);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        off();
        if (--frameListeners === 0) wantFrames(false);
      };
    },
  };
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type AnyListener = (payload: unknown) => void;

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** The WebSocket bridge client: queues calls while (re)connecting; subscribes to frames only while watched. */
export class WebSocketStudio implements StudioApi {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<EventChannel, Set<AnyListener>>();
  private readonly queue: string[] = [];
  private retryMs = 250;
  state: ConnectionState = 'connecting';
  onConnection: ((state: ConnectionState) => void) | null = null;

  constructor(private readonly url: string) {
    this.connect();
  }

  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    if (!isInvokeChannel(channel)) return Promise.reject(new StudioCallError('unknown-channel', `Unknown ${channel}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send(encodeJson({ t: 'invoke', id, channel, req: request }));
    });
  }

  on<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void): () => void {
    if (!isEventChannel(channel)) throw new Error(`unknown event '${String(channel)}'`);
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener as AnyListener);
    if (channel === 'trainer:frame' && set.size === 1) this.sendSubscribe(true);
    return () => {
      set.delete(listener as AnyListener);
      if (channel === 'trainer:frame' && set.size === 0) this.sendSubscribe(false);
    };
  }

  private sendSubscribe(on: boolean): void {
    this.send(JSON.stringify({ t: 'subscribe', channel: 'trainer:frame', on }));
  }

  private send(text: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(text);
    else this.queue.push(text);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.onConnection?.(state);
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 250;
      this.setState('open');
      if ((this.listeners.get('trainer:frame')?.size ?? 0) > 0) this.sendSubscribe(true);
      for (const text of this.queue.splice(0)) socket.send(text);
    };
    socket.onmessage = (event: MessageEvent) => this.receive(event.data as string | ArrayBuffer);
    socket.onclose = () => {
      this.setState('closed');
      // Calls in flight are lost with the socket: fail them rather than hang the UI.
      for (const p of this.pending.values()) p.reject(new StudioCallError('disconnected', 'Lost the connection.'));
      this.pending.clear();
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 4000);
    };
  }

  private receive(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') {
      try {
        this.emit('trainer:frame', decodeFrame(new Uint8Array(data)));
      } catch {
        // A malformed frame is dropped; the next one replaces it anyway.
      }
      return;
    }
    const message = decodeJson(data) as ServerMessage;
    if (message.t === 'event') {
      if (isEventChannel(message.channel)) this.emit(message.channel, message.payload);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.res);
    else pending.reject(new StudioCallError(message.error.code, message.error.message, message.error.field));
  }

  private emit(channel: EventChannel, payload: unknown): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener for ${channel} failed`, error);
      }
    }
  }
}

let instance: StudioApi | null = null;

export function bridgeUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}`;
}

/** The studio API for this page (created once). */
export function studio(): StudioApi {
  if (!instance) instance = window.studio ? wrapElectronApi(window.studio) : new WebSocketStudio(bridgeUrl(location));
  return instance;
}
