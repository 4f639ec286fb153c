/**
 * Run archives in the web mode. The bridge (electron/server/bridge.ts) takes WebSocket messages of at most
 * 64 MiB, and an invoke carries its bytes base64-encoded (4 bytes per 3) in one JSON string, so a file
 * above ~48 MiB cannot go as `runs:import` over the socket: it is POSTed to the server's upload endpoint,
 * which hands it to the same handler. Exports always come over HTTP: their size is only known once zipped,
 * and a big one would not fit a JavaScript string as base64. Electron's IPC has neither ceiling.
 */
import type { RunSummary, StudioError } from '../../shared/ipc/contract';
import { RUN_EXPORT_PATH, RUN_IMPORT_PATH } from '../../shared/ipc/wire';

export const WEB_MESSAGE_LIMIT_BYTES = 64 * 1024 * 1024;
/** The run archive reader's ceiling (electron/runs/run-archive.ts), checked before sending anything. */
export const ARCHIVE_LIMIT_BYTES = 2 * 1024 ** 3;
/** Room for the JSON envelope around the base64 text (channel name, ids, keys). */
const ENVELOPE_BYTES = 4096;

/** The largest file that fits in one bridge message. */
export function maxWebUploadBytes(limit = WEB_MESSAGE_LIMIT_BYTES): number {
  return Math.floor((limit - ENVELOPE_BYTES) / 4) * 3;
}

export function fitsOneMessage(size: number, limit = WEB_MESSAGE_LIMIT_BYTES): boolean {
  return size <= maxWebUploadBytes(limit);
}

/** "48.0 MiB", "2.0 GiB": binary units, as the limits are. */
export function formatMiB(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** Why a file of `size` bytes cannot be imported at all, or null. */
export function archiveSizeError(size: number): string | null {
  if (size <= ARCHIVE_LIMIT_BYTES) return null;
  // Exact bytes: near the limit a rounded size would read the same as the limit itself.
  return `it is ${size.toLocaleString('en-US')} bytes, over the ${formatMiB(ARCHIVE_LIMIT_BYTES)} limit for run archives`;
}

type Fetch = (url: URL, init: RequestInit) => Promise<Response>;

/** POSTs a run archive to the web server's upload endpoint; resolves to the imported run. */
export async function uploadRunArchive(
  file: Blob,
  fetcher: Fetch = (url, init) => fetch(url, init),
  base: string = location.href,
): Promise<RunSummary> {
  const response = await fetcher(new URL(RUN_IMPORT_PATH, base), {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'application/zip' },
  });
  let outcome: { ok?: boolean; res?: RunSummary; error?: StudioError };
  try {
    outcome = (await response.json()) as typeof outcome;
  } catch {
    throw new Error(`the server answered ${response.status} ${response.statusText} to the upload`);
  }
  if (!outcome.ok || !outcome.res) throw new Error(outcome.error?.message ?? `the upload failed (${response.status})`);
  return outcome.res;
}

/** The error a transfer endpoint answered with, or a line naming the HTTP status. */
async function failure(response: Response, what: string): Promise<Error> {
  try {
    const outcome = (await response.json()) as { error?: StudioError };
    if (outcome.error?.message) return new Error(outcome.error.message);
  } catch {
    // Not JSON: fall through.
  }
  return new Error(`the server answered ${response.status} ${response.statusText} to the ${what}`);
}

/** Fetches a run's zip from the web server's export endpoint. */
export async function fetchRunArchive(
  runId: string,
  fetcher: Fetch = (url, init) => fetch(url, init),
  base: string = location.href,
): Promise<Blob> {
  const response = await fetcher(new URL(RUN_EXPORT_PATH, base), {
    method: 'POST',
    body: JSON.stringify({ runId }),
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw await failure(response, 'export');
  return response.blob();
}
