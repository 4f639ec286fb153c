/**
 * The Electron composition root: one instance, one sandboxed window, the studio backend over a
 * utility-process trainer and the on-disk run store under the app's data folder.
 */
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStudioBackend, type StudioBackend } from '../ipc/backend';
import { createRunStore } from '../runs/run-store';
import { bridgeIpc } from './ipc-bridge';
import { installMenu } from './menu';
import { startUtilityTrainerHost } from './utility-trainer-host';
import { createStudioWindow, isAppUrl } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const paths = {
  preload: join(here, '../preload/index.cjs'),
  renderer: join(here, '../renderer/index.html'),
  trainer: join(here, 'trainer-process.js'),
  runs: join(app.getPath('userData'), 'runs'),
  roms: join(app.getPath('userData'), 'roms'),
  windowState: join(app.getPath('userData'), 'window-state.json'),
};
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

let mainWindow: BrowserWindow | null = null;
let backend: StudioBackend | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (!backend) return;
    // Stop a running run cleanly (final checkpoint) before the process goes.
    event.preventDefault();
    const closing = backend;
    backend = null;
    void closing.dispose().finally(() => app.quit());
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  mkdirSync(paths.runs, { recursive: true });
  mkdirSync(paths.roms, { recursive: true });
  let studio: StudioBackend | null = null;
  const trainer = startUtilityTrainerHost({
    entry: paths.trainer,
    runsDir: paths.runs,
    versions: { app: app.getVersion(), electron: process.versions.electron },
    loadRom: async (gameId) => ({ bytes: await studio!.invoke('roms:bytes', { gameId }), fileName: `${gameId}.bin` }),
  });
  await trainer.ready;
  studio = createStudioBackend({
    runsDir: paths.runs,
    romDirs: [paths.roms],
    uploadDir: paths.roms,
    trainer,
    runStore: createRunStore(paths.runs),
    shell: { kind: 'electron', electronVersion: process.versions.electron, chooseRomFile },
  });
  backend = studio;
  mainWindow = createStudioWindow({
    preloadPath: paths.preload,
    stateFile: paths.windowState,
    rendererIndex: paths.renderer,
    devServerUrl,
  });
  mainWindow.on('closed', () => (mainWindow = null));
  bridgeIpc(
    ipcMain,
    studio,
    () => mainWindow?.webContents ?? null,
    (event) => isAppUrl(event.senderFrame?.url ?? '', { devServerUrl, rendererIndex: paths.renderer }),
  );
  installMenu(() => mainWindow, paths.runs);
}

async function chooseRomFile(): Promise<string | null> {
  const options = {
    title: 'Choose an Atari 2600 ROM',
    properties: ['openFile' as const],
    filters: [{ name: 'Atari 2600 ROMs', extensions: ['bin', 'a26', 'rom'] }],
  };
  const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
