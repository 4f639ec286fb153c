import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type EventChannel,
  type InvokeChannel,
  type StudioApi,
  type StudioError,
} from '../../shared/ipc/contract';

/**
 * Adapts the studio backend (which implements the contract, transport-free) to Electron IPC:
 * one ipcMain handler per allow-listed channel, accepting calls only from the app's own frames,
 * and every backend event forwarded to the window.
 */
export function bridgeIpc(
  ipcMain: IpcMain,
  backend: StudioApi,
  target: () => WebContents | null,
  isTrusted: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      if (!isTrusted(event)) throw new Error(`refused '${channel}' from an untrusted frame`);
      try {
        return await backend.invoke(channel as InvokeChannel, request as never);
      } catch (error) {
        // Electron keeps only the message of a thrown error: encode the structured error in it.
        throw new Error(JSON.stringify(toStudioError(error)), { cause: error });
      }
    });
  }
  const unsubscribes = EVENT_CHANNELS.map((channel: EventChannel) =>
    backend.on(channel, (payload) => {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(channel, payload);
    }),
  );
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    for (const off of unsubscribes) off();
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
