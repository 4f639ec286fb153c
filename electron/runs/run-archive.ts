/**
 * Run archives: a run folder exported as one ZIP (see zip.ts) and imported back into the runs folder.
 * Import treats the archive as hostile: every entry name is checked (no absolute paths, no '..', no
 * backslashes or drive letters, no symlinks), the run must carry a readable config.json and meta.json,
 * it is unpacked into a hidden staging folder and renamed into place in one step, and it never
 * overwrites an existing run (a clashing id gets a fresh suffix instead).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { readZip, writeZip, ZipError, type ZipEntry } from './zip';

export class ArchiveError extends Error {
  constructor(
    message: string,
    readonly code = 'archive-invalid',
  ) {
    super(message);
  }
}

/** Folder names matching this are safe to create under the runs folder (same rule as the IPC layer). */
export const RUN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const REQUIRED_FILES = ['config.json', 'meta.json'] as const;
const MAX_ARCHIVE_BYTES = 2 * 1024 ** 3;
const MAX_ENTRIES = 20_000;

/** Files worth carrying: everything but half-written temp files and all but the newest checkpoint. */
export async function listRunFiles(runDir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(join(runDir, rel), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !/\.tmp(-\w+)?$|\.partial$/.test(entry.name)) files.push(path);
    }
  };
  await walk('');
  const latest = latestCheckpoint(files);
  // Older checkpoints are history nobody resumes from; the newest one is what `resume` needs.
  return files.filter((f) => !f.startsWith('checkpoints/') || latest === null || f.startsWith(`checkpoints/${latest}/`));
}

function latestCheckpoint(files: readonly string[]): string | null {
  const steps = new Set<string>();
  for (const f of files) {
    const m = /^checkpoints\/([^/]+)\//.exec(f);
    if (m) steps.add(m[1]);
  }
  if (steps.size === 0) return null;
  return [...steps].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)).at(-1)!;
}

/** Zips a run folder as `<runId>/...`. */
export async function exportRunFolder(runDir: string, runId: string): Promise<Uint8Array> {
  if (!existsSync(runDir)) throw new ArchiveError(`Run '${runId}' does not exist.`, 'run-not-found');
  const entries: ZipEntry[] = [];
  for (const rel of await listRunFiles(runDir)) {
    const full = join(runDir, ...rel.split('/'));
    const info = await stat(full);
    entries.push({ name: `${runId}/${rel}`, data: new Uint8Array(await readFile(full)), modified: info.mtime });
  }
  return writeZip(entries);
}

export interface ArchiveContents {
  /** The run id the archive suggests (its top folder), already checked against RUN_ID_PATTERN. */
  readonly runId: string;
  /** Paths relative to the run folder, forward slashes, validated. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly config: Record<string, unknown>;
  readonly meta: Record<string, unknown>;
}

/** Why a name is unsafe to extract, or null when it is fine. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL byte';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return "climbs out with '..'";
  if (parts.some((p) => p === '' || p === '.')) return 'has an empty or "." path segment';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) return 'contains control characters';
  return null;
}

/** Parses and validates an archive without touching the disk. Throws ArchiveError naming the problem. */
export function inspectArchive(bytes: Uint8Array): ArchiveContents {
  let entries;
  try {
    entries = readZip(bytes, { maxTotalBytes: MAX_ARCHIVE_BYTES, maxEntries: MAX_ENTRIES });
  } catch (error) {
    if (error instanceof ZipError) throw new ArchiveError(`Not a readable run archive: ${error.message}.`);
    throw error;
  }
  for (const e of entries) {
    const why = unsafeEntryName(e.name);
    if (why) throw new ArchiveError(`Refusing archive entry '${e.name}': it ${why}.`, 'archive-unsafe');
    if (e.symlink) throw new ArchiveError(`Refusing archive entry '${e.name}': it is a symbolic link.`, 'archive-unsafe');
  }
  const fileEntries = entries.filter((e) => !e.directory);
  if (fileEntries.length === 0) throw new ArchiveError('The archive is empty.');
  const tops = new Set(fileEntries.map((e) => (e.name.includes('/') ? e.name.split('/')[0] : '')));
  if (tops.size !== 1 || tops.has('')) {
    throw new ArchiveError('A run archive holds exactly one run folder (config.json and meta.json inside it).');
  }
  const runId = [...tops][0];
  if (!RUN_ID_PATTERN.test(runId)) throw new ArchiveError(`'${runId}' is not a valid run id.`, 'archive-unsafe');

  const files = new Map<string, Uint8Array>();
  for (const e of fileEntries) {
    const rel = e.name.slice(runId.length + 1);
    if (files.has(rel)) throw new ArchiveError(`The archive lists '${e.name}' twice.`);
    files.set(rel, e.data);
  }
  const json = (file: (typeof REQUIRED_FILES)[number]): Record<string, unknown> => {
    const data = files.get(file);
    if (!data) throw new ArchiveError(`The archive has no ${file}: it is not a DQN Studio run.`, 'archive-damaged');
    try {
      const value: unknown = JSON.parse(new TextDecoder().decode(data));
      if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // fall through to the error below
    }
    throw new ArchiveError(`The archive's ${file} is not a JSON object: the run is damaged.`, 'archive-damaged');
  };
  return { runId, files, config: json('config.json'), meta: json('meta.json') };
}

/** A run id not yet used under runsDir (nor by the trash), derived from `wanted`. */
export function freeRunId(runsDir: string, wanted: string): string {
  const taken = (id: string): boolean => existsSync(join(runsDir, id)) || existsSync(join(runsDir, '.trash', id));
  if (!taken(wanted)) return wanted;
  const base = wanted.slice(0, 180);
  for (let n = 2; ; n++) {
    const id = `${base}-imported${n === 2 ? '' : `-${n - 1}`}`;
    if (!taken(id)) return id;
  }
}

/** Validates and unpacks an archive into a new run folder; returns the run id it got. */
export async function importRunArchive(runsDir: string, bytes: Uint8Array): Promise<string> {
  const contents = inspectArchive(bytes);
  await mkdir(runsDir, { recursive: true });
  const staging = join(runsDir, `.import-${randomBytes(6).toString('hex')}`);
  try {
    for (const [rel, data] of contents.files) {
      const target = join(staging, ...rel.split('/'));
      // Belt and braces: the names were validated, but the joined path must still stay inside staging.
      if (!target.startsWith(staging + sep)) throw new ArchiveError(`Refusing archive entry '${rel}'.`, 'archive-unsafe');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    const runId = freeRunId(runsDir, contents.runId);
    if (runId !== contents.runId && typeof contents.meta.id === 'string') {
      await writeFile(join(staging, 'meta.json'), JSON.stringify({ ...contents.meta, id: runId }, null, 2));
    }
    await rename(staging, join(runsDir, runId));
    return runId;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Why a run folder cannot be used, or null when its config.json and meta.json read as JSON objects.
 * Used to list folders the run store could not read as damaged rather than hiding them.
 */
export async function diagnoseRunFolder(runDir: string): Promise<string | null> {
  for (const file of REQUIRED_FILES) {
    let text: string;
    try {
      text = await readFile(join(runDir, file), 'utf8');
    } catch {
      return `${file} is missing`;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return `${file} is not a JSON object`;
    } catch {
      return `${file} is not valid JSON`;
    }
  }
  return null;
}
