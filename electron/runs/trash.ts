/**
 * Deleting a run moves its folder into `<runsDir>/.trash/` (a rename: instant, and on the same disk), so
 * it can be restored until the app quits; quitting (or the next start, after a crash) empties the trash.
 * Dot folders are never run ids, so the run store does not list the trash or import staging folders.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const TRASH_DIR = '.trash';

export class TrashError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export function trashDir(runsDir: string): string {
  return join(runsDir, TRASH_DIR);
}

/** Moves `<runsDir>/<runId>` into the trash; returns the folder it now lives in. */
export async function trashRun(runsDir: string, runId: string): Promise<string> {
  const from = join(runsDir, runId);
  if (!existsSync(from)) throw new TrashError(`Run '${runId}' does not exist.`, 'run-not-found');
  await mkdir(trashDir(runsDir), { recursive: true });
  const to = join(trashDir(runsDir), runId);
  // A run deleted, restored elsewhere and deleted again: the newer deletion wins.
  await rm(to, { recursive: true, force: true });
  await rename(from, to);
  return to;
}

/** Moves a trashed run back; refuses to overwrite a run that took its id meanwhile. */
export async function restoreRun(runsDir: string, runId: string): Promise<void> {
  const from = join(trashDir(runsDir), runId);
  if (!existsSync(from)) throw new TrashError(`Run '${runId}' is not in the trash.`, 'not-in-trash');
  const to = join(runsDir, runId);
  if (existsSync(to)) throw new TrashError(`A run named '${runId}' already exists.`, 'run-exists');
  await rename(from, to);
}

export async function listTrash(runsDir: string): Promise<string[]> {
  try {
    return (await readdir(trashDir(runsDir), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** Deletes everything in the trash and any staging folders an interrupted import left behind. */
export async function emptyTrash(runsDir: string): Promise<void> {
  await rm(trashDir(runsDir), { recursive: true, force: true });
  try {
    for (const e of await readdir(runsDir)) {
      if (e.startsWith('.import-')) await rm(join(runsDir, e), { recursive: true, force: true });
    }
  } catch {
    // no runs folder yet: nothing to clean
  }
}
