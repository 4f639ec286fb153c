/**
 * The sandboxed preload: exposes a narrow `StudioApi` as `window.studio`, generated from the contract's
 * allow-lists. The page never sees ipcRenderer, and a channel outside the contract is refused here
 * before it reaches the main process (which checks again).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isEventChannel,
  isInvokeChannel,
  type EventChannel,
  type EventMap,
  type InvokeChannel,
  type InvokeRequest,
  type InvokeResponse,
  type StudioApi,
} from '../../shared/ipc/contract';

const api: StudioApi = {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>> {
    if (!isInvokeChannel(channel)) return Promise.reject(new Error(`unknown channel '${String(channel)}'`));
    return ipcRenderer.invoke(channel, request) as Promise<InvokeResponse<C>>;
  },
  on<C extends EventChannel>(channel: C, listener: (payload: EventMap[C]) => void): () => void {
    if (!isEventChannel(channel)) throw new Error(`unknown event '${String(channel)}'`);
    // Wrap so the page never receives the IpcRendererEvent (it carries `sender`).
    const wrapped = (_event: IpcRendererEvent, payload: EventMap[C]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('studio', api);
