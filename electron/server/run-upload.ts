/**
 * Run archive uploads over plain HTTP for the web mode: a WebSocket message is capped (bridge.ts), while a
 * run zip with its checkpoint can be far larger. `POST /api/runs/import` with the zip as the body goes to
 * the same `runs:import` handler the bridge uses, behind the same checks as the WebSocket upgrade (loopback
 * Host, and an Origin that is this server: a page elsewhere cannot post runs into it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RUN_IMPORT_PATH } from '../../shared/ipc/wire';
import type { StudioBackend } from '../ipc/backend';
import { originAllowed, type OriginPolicy } from './origin-check';

/** The run archive reader's own ceiling (electron/runs/run-archive.ts): no point reading more. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

export function isRunUpload(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?', 1)[0] === RUN_IMPORT_PATH;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  reply(res, status, { ok: false, error: { code, message } });
}

export async function handleRunUpload(
  backend: StudioBackend,
  policy: OriginPolicy,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!originAllowed(policy, req)) return fail(res, 403, 'forbidden', 'Uploads must come from the studio page.');
  if (req.method !== 'POST') return fail(res, 405, 'method-not-allowed', `Use POST for ${RUN_IMPORT_PATH}.`);
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
