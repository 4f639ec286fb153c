import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

const DEFAULT_STATE: WindowState = { width: 1360, height: 880, maximized: false };

/** Reads the saved window bounds; a missing or damaged file gives the defaults. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (typeof raw.width !== 'number' || typeof raw.height !== 'number') return DEFAULT_STATE;
    return {
      x: typeof raw.x === 'number' ? raw.x : undefined,
      y: typeof raw.y === 'number' ? raw.y : undefined,
      width: Math.max(800, raw.width),
      height: Math.max(600, raw.height),
      maximized: raw.maximized === true,
    };
  } catch {
    return DEFAULT_STATE;
  }
}

/** Atomic write (temp file + rename), so a crash never leaves a torn state file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}
