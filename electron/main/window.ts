import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import { applySessionSecurity, lockNavigation } from './security';
import { loadWindowState, saveWindowState } from './window-state';

export interface WindowOptions {
  readonly preloadPath: string;
  readonly stateFile: string;
  /** The dev server URL (electron-vite dev), else the built renderer is loaded from disk. */
  readonly devServerUrl?: string;
  readonly rendererIndex: string;
}

/** The one studio window: sandboxed, context-isolated, no Node in the page, bounds remembered. */
export function createStudioWindow(options: WindowOptions): BrowserWindow {
  const state = loadWindowState(options.stateFile);
  const visible = state.x !== undefined && state.y !== undefined && isOnScreen(state.x, state.y);
  const win = new BrowserWindow({
    ...(visible ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#111318',
    title: 'DQN Studio',
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  applySessionSecurity(win.webContents.session);
  lockNavigation(win.webContents, (url) => isAppUrl(url, options));
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(options.stateFile, { ...b, maximized: win.isMaximized() });
  });
  if (options.devServerUrl) void win.loadURL(options.devServerUrl);
  else void win.loadFile(options.rendererIndex);
  return win;
}

export function isAppUrl(url: string, options: Pick<WindowOptions, 'devServerUrl' | 'rendererIndex'>): boolean {
  if (options.devServerUrl) return url.startsWith(options.devServerUrl);
  return (
    url.startsWith('file://') && decodeURIComponent(new URL(url).pathname).startsWith(join(options.rendererIndex, '..'))
  );
}

function isOnScreen(x: number, y: number): boolean {
  return screen.getAllDisplays().some((d) => {
    const b = d.workArea;
    return x >= b.x && y >= b.y && x < b.x + b.width && y < b.y + b.height;
  });
}
