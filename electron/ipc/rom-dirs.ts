/**
 * Where ROMs are looked for, in order: ALE_ROMS_DIR, folders named on the command line, the app's own ROM
 * folder, and the roms folder of an installed ale-py (found once by asking python3, with a short timeout).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { RomDir } from './rom-library';

const FIND_ALE_PY =
  "import importlib.util,os;s=importlib.util.find_spec('ale_py');print(os.path.join(os.path.dirname(s.origin),'roms') if s and s.origin else '')";

let alePyDir: Promise<string | null> | undefined;

/** The roms folder of an installed ale-py, or null. Cached: python3 is asked at most once per process. */
export function findAlePyRomDir(timeoutMs = 3000): Promise<string | null> {
  alePyDir ??= new Promise((resolve) => {
    try {
      execFile('python3', ['-c', FIND_ALE_PY], { timeout: timeoutMs }, (error, stdout) => {
        const dir = String(stdout ?? '').trim();
        resolve(!error && dir && existsSync(dir) ? dir : null);
      });
    } catch {
      resolve(null);
    }
  });
  return alePyDir;
}

export interface RomDirOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Extra folders (e.g. `cli serve --roms`), source 'path'. */
  readonly extra?: readonly string[];
  /** The app's ROM folder (e.g. <userData>/roms), source 'app'. */
  readonly appDir?: string;
  /** Set false to skip the ale-py probe (tests). */
  readonly alePy?: boolean;
}

export function romDirResolver(options: RomDirOptions): () => Promise<readonly RomDir[]> {
  return async () => {
    const env = options.env ?? process.env;
    const dirs: RomDir[] = [];
    if (env.ALE_ROMS_DIR) dirs.push({ dir: env.ALE_ROMS_DIR, source: 'env' });
    for (const dir of options.extra ?? []) dirs.push({ dir, source: 'path' });
    if (options.appDir) dirs.push({ dir: options.appDir, source: 'app' });
    if (options.alePy !== false) {
      const dir = await findAlePyRomDir();
      if (dir) dirs.push({ dir, source: 'ale-py' });
    }
    return dirs;
  };
}
