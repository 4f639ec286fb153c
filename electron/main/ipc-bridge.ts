import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type DisplayFrame,
  type EventChannel,
  type InvokeChannel,
  type StudioApi,
  type StudioError,
} from '../../shared/ipc/contract';
import { FrameSampler, followDisplayMode } from '../ipc/frame-sampler';

/**
 * Adapts the studio backend (which implements the contract, transport-free) to Electron IPC:
 * one ipcMain handler per allow-listed channel, accepting calls only from the app's own frames,
 * and backend events forwarded to the window. Display frames go only while the window has asked for
 * them ('trainer:frames', sent by the renderer while a visible Train view listens), and in turbo only a
 * sample of them, as over the web bridge: until then the backend tells the trainer to build none.
 */
export function bridgeIpc(
  ipcMain: IpcMain,
  backend: StudioApi,
  target: () => WebContents | null,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  const frames = frameRelay(backend, target);
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrusted(event)) throw new Error(`refused '${channel}' from an untrusted frame`);
      if (channel === 'trainer:frames') {
        frames.subscribe((request as { on?: unknown } | undefined)?.on === true);
        return undefined;
      }
      try {
        return await backend.invoke(channel as InvokeChannel, request as never);
      } catch (error) {
        // Electron keeps only the message of a thrown error: encode the structured error in it.
        throw new Error(JSON.stringify(toStudioError(error)), { cause: error });
      }
    });
  }
  const unsubscribes = EVENT_CHANNELS.filter((c) => c !== 'trainer:frame').map((channel: EventChannel) =>
    backend.on(channel, (payload) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(channel, payload);
    }),
  );
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    for (const off of unsubscribes) off();
    frames.close();
  };
}

/** The window's frame subscription: subscribed to the backend only while the window wants frames. */
function frameRelay(
  backend: StudioApi,
  target: () => WebContents | null,
): { subscribe(on: boolean): void; close(): void } {
  const mode = followDisplayMode(backend);
  const sampler = new FrameSampler();
  let off: (() => void) | null = null;
  const unsubscribe = (): void => {
    off?.();
    off = null;
  };
  const relay = (frame: DisplayFrame): void => {
    const contents = target();
    // A closed or replaced window cannot say it stopped watching: stop for it.
    if (!contents || contents.isDestroyed()) return unsubscribe();
    if (sampler.admit(mode.turbo)) contents.send('trainer:frame', frame);
  };
  return {
    subscribe(on) {
      if (on && !off) off = backend.on('trainer:frame', relay);
      if (!on) unsubscribe();
    },
    close() {
      unsubscribe();
      mode.off();
    },
  };
}

function toStudioError(error: unknown): StudioError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; field?: unknown };
    return {
      code: String(e.code),
      message: String(e.message),
      ...(typeof e.field === 'string' ? { field: e.field } : {}),
    };
  }
  return { code: 'error', message: error instanceof Error ? error.message : String(error) };
}
