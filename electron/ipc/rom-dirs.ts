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
  /** Folders given by the shell (app ROM folder, `--roms`), searched after ALE_ROMS_DIR. */
  readonly explicit: readonly RomDir[];
  /** Search ALE_ROMS_DIR (default true). */
  readonly env?: boolean;
  /** Search an installed ale-py's roms folder last (default true). */
  readonly alePy?: boolean;
}

export function romDirResolver(options: RomDirOptions): () => Promise<readonly RomDir[]> {
  return async () => {
    const dirs: RomDir[] = [];
    const envDir = options.env === false ? undefined : process.env.ALE_ROMS_DIR;
    if (envDir) dirs.push({ dir: envDir, source: 'env' });
    dirs.push(...options.explicit);
    if (options.alePy !== false) {
      const dir = await findAlePyRomDir();
      if (dir) dirs.push({ dir, source: 'ale-py' });
    }
    return dirs;
  };
}
