/**
 * The WebSocket side of the contract: the same InvokeMap/EventMap as Electron's preload. Invokes are
 * allow-listed by the backend; events are pushed to every socket, except display frames, which go as
 * binary messages only to sockets that subscribed and are not backed up (a slow tab drops frames, it never
 * queues them or slows training).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { DisplayFrame, EventChannel } from '../../shared/ipc/contract';
import { EVENT_CHANNELS, isInvokeChannel } from '../../shared/ipc/contract';
import type { ClientMessage, ServerMessage } from '../../shared/ipc/wire';
import { decodeJson, encodeFrame, encodeJson } from '../../shared/ipc/wire';
import type { StudioBackend } from '../ipc/backend';
import { FrameSampler, followDisplayMode } from '../ipc/frame-sampler';

/** A socket with more than this queued skips frames until it drains. */
export const FRAME_BACKLOG_BYTES = 256 * 1024;
/** Uploads (ROMs, run archives) arrive base64-encoded in one message. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

interface Client {
  readonly socket: WebSocket;
  frames: boolean;
  readonly sampler: FrameSampler;
}

export interface Bridge {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Frames sent, dropped (backpressure) and throttled (turbo sampling) since start. */
  stats(): { sent: number; dropped: number; throttled: number; clients: number };
  close(): Promise<void>;
}

export function createBridge(backend: StudioBackend): Bridge {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });
  const clients = new Set<Client>();
  const counts = { sent: 0, dropped: 0, throttled: 0 };
  let unsubscribeFrames: (() => void) | null = null;

  const send = (client: Client, message: ServerMessage): void => {
    if (client.socket.readyState === client.socket.OPEN) client.socket.send(encodeJson(message));
  };

  const eventOffs = EVENT_CHANNELS.filter((c) => c !== 'trainer:frame').map((channel: EventChannel) =>
    backend.on(channel, (payload) => {
      for (const client of clients) send(client, { t: 'event', channel, payload });
    }),
  );

  const mode = followDisplayMode(backend);

  const onFrame = (frame: DisplayFrame): void => {
    let encoded: Uint8Array | null = null; // Encoded once, shared by every watching socket.
    const now = performance.now();
    for (const client of clients) {
      if (!client.frames || client.socket.readyState !== client.socket.OPEN) continue;
      if (client.socket.bufferedAmount > FRAME_BACKLOG_BYTES) {
        counts.dropped++;
        continue;
      }
      if (!client.sampler.admit(mode.turbo, now)) {
        counts.throttled++;
        continue;
      }
      encoded ??= encodeFrame(frame);
      client.socket.send(encoded, { binary: true });
      counts.sent++;
    }
  };

  const setFrames = (client: Client, on: boolean): void => {
    client.frames = on;
    refreshFrameSubscription();
  };

  // Subscribe to the backend's frames only while some socket watches, so no one pays for unseen frames.
  const refreshFrameSubscription = (): void => {
    const wanted = [...clients].some((c) => c.frames);
    if (wanted && !unsubscribeFrames) unsubscribeFrames = backend.on('trainer:frame', onFrame);
    if (!wanted && unsubscribeFrames) {
      unsubscribeFrames();
      unsubscribeFrames = null;
    }
  };

  const onMessage = async (client: Client, data: RawData, isBinary: boolean): Promise<void> => {
    let message: ClientMessage;
    try {
      if (isBinary) throw new Error('binary messages are not accepted');
      message = decodeJson(String(data)) as ClientMessage;
    } catch {
      client.socket.close(1003, 'malformed message');
      return;
    }
    if (message?.t === 'subscribe') {
      if (message.channel === 'trainer:frame') setFrames(client, message.on === true);
      return;
    }
    if (message?.t !== 'invoke' || typeof message.id !== 'number') {
      client.socket.close(1003, 'malformed message');
      return;
    }
    if (!isInvokeChannel(message.channel)) {
      const error = { code: 'unknown-channel', message: `Channel '${String(message.channel)}' is not allowed.` };
      send(client, { t: 'result', id: message.id, ok: false, error });
      return;
    }
    if (message.channel === 'trainer:frames') {
      // The contract's way to subscribe (Electron's); same as a 'subscribe' message, for this socket.
      setFrames(client, (message.req as { on?: unknown } | undefined)?.on === true);
      send(client, { t: 'result', id: message.id, ok: true, res: undefined });
      return;
    }
    const outcome = await backend.invokeSafe(message.channel, message.req as never);
    send(client, { t: 'result', id: message.id, ...outcome } as ServerMessage);
  };

  wss.on('connection', (socket: WebSocket) => {
    const client: Client = { socket, frames: false, sampler: new FrameSampler() };
    clients.add(client);
    socket.on('message', (data, isBinary) => void onMessage(client, data, isBinary));
    socket.on('close', () => {
      clients.delete(client);
      refreshFrameSubscription();
    });
    socket.on('error', () => socket.terminate());
  });

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    stats: () => ({ ...counts, clients: clients.size }),
    async close() {
      for (const off of eventOffs) off();
      mode.off();
      unsubscribeFrames?.();
      for (const client of clients) client.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
