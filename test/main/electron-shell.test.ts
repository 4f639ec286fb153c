import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/contract';

// Electron cannot launch here (no binary), so the shell is tested against a recording fake of its API.
const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown> }>,
  exposed: new Map<string, unknown>(),
  invoked: [] as Array<{ channel: string; request: unknown }>,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      session: { webRequest: { onHeadersReceived: vi.fn() }, setPermissionRequestHandler: vi.fn() },
      on: vi.fn(),
      setWindowOpenHandler: vi.fn(),
    };
    constructor(options: Record<string, unknown>) {
      recorded.windows.push({ options });
    }
    maximize = vi.fn();
    once = vi.fn();
    on = vi.fn();
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
  }
  return {
    BrowserWindow,
    screen: { getAllDisplays: () => [] },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => recorded.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, request: unknown) => {
        recorded.invoked.push({ channel, request });
        return 'ok';
      },
      on: vi.fn(),
      removeListener: vi.fn(),
    },
  };
});

beforeEach(() => {
  recorded.windows.length = 0;
  recorded.invoked.length = 0;
});

describe('studio window', () => {
  it('is sandboxed, context-isolated and without Node in the page', async () => {
    const { createStudioWindow } = await import('../../electron/main/window');
    createStudioWindow({
      preloadPath: '/app/preload.cjs',
      stateFile: '/nonexistent/state.json',
      rendererIndex: '/app/index.html',
    });
    const prefs = recorded.windows[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
});

describe('preload', () => {
  it('exposes only invoke/on and refuses channels outside the contract', async () => {
    await import('../../electron/preload/index');
    const api = recorded.exposed.get('studio') as { invoke: (c: string, r?: unknown) => Promise<unknown> };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    await expect(api.invoke('app:version')).resolves.toBe('ok');
    await expect(api.invoke('fs:read', '/etc/passwd')).rejects.toThrow(/unknown channel/);
    expect(recorded.invoked.map((c) => c.channel)).toEqual(['app:version']);
  });
});

describe('ipc bridge', () => {
  it('registers every contract channel and refuses untrusted senders', async () => {
    const { bridgeIpc } = await import('../../electron/main/ipc-bridge');
    const handlers = new Map<string, (event: unknown, req: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (c: string, h: never) => handlers.set(c, h),
      removeHandler: (c: string) => handlers.delete(c),
    };
    const backend = { invoke: vi.fn(async () => 'pong'), on: vi.fn(() => () => undefined) };
    const off = bridgeIpc(
      ipcMain as never,
      backend as never,
      () => null,
      (e) => (e as unknown as { trusted: boolean }).trusted,
    );
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const handler = handlers.get('app:version')!;
    await expect(handler({ trusted: true }, undefined)).resolves.toBe('pong');
    await expect(handler({ trusted: false }, undefined)).rejects.toThrow(/untrusted/);
    off();
    expect(handlers.size).toBe(0);
  });
});

describe('ipc bridge frames', () => {
  it('relays display frames only while the window subscribes, a sample of them in turbo', async () => {
    const { bridgeIpc } = await import('../../electron/main/ipc-bridge');
    const { TURBO_DISPLAY_FPS } = await import('../../shared/ipc/contract');
    const handlers = new Map<string, (event: unknown, req: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (c: string, h: never) => handlers.set(c, h),
      removeHandler: (c: string) => handlers.delete(c),
    };
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    const backend = {
      invoke: vi.fn(async () => ({ display: 'turbo' })),
      on: (channel: string, listener: (payload: unknown) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
        return () => listeners.get(channel)!.delete(listener);
      },
    };
    const sent: Array<{ channel: string; frames?: number }> = [];
    const contents = {
      isDestroyed: () => false,
      send: (channel: string, payload: { frames?: number }) => sent.push({ channel, frames: payload?.frames }),
    };
    const off = bridgeIpc(
      ipcMain as never,
      backend as never,
      () => contents as never,
      () => true,
    );
    const emitFrame = (frames: number): void => listeners.get('trainer:frame')?.forEach((l) => l({ frames }));
    expect(listeners.get('trainer:frame')?.size ?? 0).toBe(0); // nobody asked: the backend sees no demand
    emitFrame(1);
    await handlers.get('trainer:frames')!({}, { on: true });
    expect(backend.invoke).not.toHaveBeenCalledWith('trainer:frames', expect.anything()); // answered here
    for (let i = 0; i < 20; i++) emitFrame(10 + i); // a burst within one turbo interval: one goes out
    await new Promise((r) => setTimeout(r, 1000 / TURBO_DISPLAY_FPS));
    emitFrame(99);
    expect(sent.filter((s) => s.channel === 'trainer:frame').map((s) => s.frames)).toEqual([10, 99]);
    await handlers.get('trainer:frames')!({}, { on: false });
    expect(listeners.get('trainer:frame')?.size).toBe(0);
    // Other events still reach the window.
    listeners.get('trainer:status')?.forEach((l) => l({ display: 'turbo' }));
    expect(sent.at(-1)).toEqual({ channel: 'trainer:status', frames: undefined });
    off();
  });
});
