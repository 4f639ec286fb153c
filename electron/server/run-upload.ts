/**
 * Run archives over plain HTTP for the web mode: a WebSocket message is capped (bridge.ts) and carries
 * bytes as base64 in one JSON string, while a run zip with its checkpoint can be far larger.
 * `POST /api/runs/import` (the zip as the body) and `POST /api/runs/export` (`{"runId": ...}`, answered with
 * the zip) go to the same runs:import / runs:export handlers the bridge uses, behind the same checks as the
 * WebSocket upgrade: loopback Host, and an Origin that is this server (browsers send Origin on every POST,
 * so a page elsewhere can neither post runs in nor have one zipped for it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RUN_EXPORT_PATH, RUN_IMPORT_PATH } from '../../shared/ipc/wire';
import type { StudioBackend } from '../ipc/backend';
import { originAllowed, type OriginPolicy } from './origin-check';

/** The run archive reader's own ceiling (electron/runs/run-archive.ts): no point reading more. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** An export request names a run, nothing more. */
const MAX_EXPORT_REQUEST_BYTES = 4096;

const pathOf = (req: IncomingMessage): string => (req.url ?? '').split('?', 1)[0];

export function isRunTransfer(req: IncomingMessage): boolean {
  return pathOf(req) === RUN_IMPORT_PATH || pathOf(req) === RUN_EXPORT_PATH;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  reply(res, status, { ok: false, error: { code, message } });
}

export async function handleRunTransfer(
  backend: StudioBackend,
  policy: OriginPolicy,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!originAllowed(policy, req)) return fail(res, 403, 'forbidden', 'Run transfers must come from the studio page.');
  if (req.method !== 'POST') return fail(res, 405, 'method-not-allowed', `Use POST for ${pathOf(req)}.`);
  if (pathOf(req) === RUN_EXPORT_PATH) return exportRun(backend, req, res);
  return importRun(backend, req, res);
}

async function exportRun(backend: StudioBackend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let text = '';
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      text += chunk.toString('utf8');
      if (text.length > MAX_EXPORT_REQUEST_BYTES)
        return fail(res, 413, 'bad-request', 'The export request is too long.');
    }
  } catch {
    return;
  }
  let runId: unknown;
  try {
    runId = (JSON.parse(text) as { runId?: unknown }).runId;
  } catch {
    return fail(res, 400, 'bad-request', 'The export request must be JSON: {"runId": "..."}.');
  }
  // runs:export checks the id (its alphabet keeps it inside the runs folder) like any bridge request.
  const outcome = await backend.invokeSafe('runs:export', { runId: runId as string });
  if (!outcome.ok) return reply(res, outcome.error.code === 'run-not-found' ? 404 : 400, outcome);
  const bytes = outcome.res;
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': 'no-store',
  });
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

async function importRun(backend: StudioBackend, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_UPLOAD_BYTES) {
    req.resume();
    return fail(res, 413, 'archive-too-large', `Run archives are limited to ${MAX_UPLOAD_BYTES / 1024 ** 3} GiB.`);
  }
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) {
        req.destroy();
        return;
      }
      parts.push(chunk);
    }
  } catch {
    return; // The client went away: nothing to answer.
  }
  const bytes = new Uint8Array(Buffer.concat(parts, size));
  const outcome = await backend.invokeSafe('runs:import', { bytes });
  reply(res, outcome.ok ? 200 : 400, outcome);
}
