import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUN_EXPORT_PATH, RUN_IMPORT_PATH } from '../../shared/ipc/wire';
import { createStudioBackend } from '../../electron/ipc/backend';
import { createRunStore } from '../../electron/runs/run-store';
import { readZip, writeZip } from '../../electron/runs/zip';
import { startStudioServer, type StudioServer } from '../../electron/server/studio-server';
import { FakeTrainer } from '../ipc/fake-trainer';

const text = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

describe('run archive transfer over HTTP (web mode)', () => {
  let dir: string;
  let server: StudioServer;
  let url: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqn-upload-'));
    mkdirSync(join(dir, 'r'));
    writeFileSync(join(dir, 'r', 'index.html'), '<!doctype html>');
    const backend = createStudioBackend({
      runsDir: join(dir, 'runs'),
      romDirs: [],
      discoverRoms: false,
      trainer: new FakeTrainer(),
      runStore: createRunStore(join(dir, 'runs')),
      shell: { kind: 'web' },
    });
    server = await startStudioServer({ backend, port: 0, rendererDir: join(dir, 'r') });
    url = `http://127.0.0.1:${server.port}${RUN_IMPORT_PATH}`;
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const archive = writeZip([
    { name: 'up-run/config.json', data: text({ preset: 'nature' }) },
    { name: 'up-run/meta.json', data: text({ id: 'up-run', name: 'Uploaded', status: 'stopped', createdAt: 1 }) },
  ]);
  const post = (body: Uint8Array, origin?: string): Promise<Response> =>
    fetch(url, {
      method: 'POST',
      body: body as Uint8Array<ArrayBuffer>,
      headers: { 'Content-Type': 'application/zip', ...(origin === undefined ? {} : { Origin: origin }) },
    });

  it('imports a zip posted by the studio page into the runs folder', async () => {
    const response = await post(archive, `http://127.0.0.1:${server.port}`);
    const body = (await response.json()) as { ok: boolean; res?: { id: string; name: string } };
    expect(response.status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.res?.id).toBe('up-run');
    expect(readdirSync(join(dir, 'runs'))).toContain(body.res!.id);
  });

  it('refuses posts from another origin or without one, and other methods', async () => {
    expect((await post(archive, 'http://evil.example')).status).toBe(403);
    expect((await post(archive)).status).toBe(403);
    const get = await fetch(url, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
    expect(get.status).toBe(405);
  });

  it('answers a damaged archive with the import error', async () => {
    const response = await post(new Uint8Array([1, 2, 3]), `http://127.0.0.1:${server.port}`);
    const body = (await response.json()) as { ok: boolean; error?: { message: string } };
    expect(response.status).toBe(400);
    expect(body.ok).toBe(false);
    expect(body.error?.message).toMatch(/zip|archive/i);
  });

  const exportRequest = (body: string, origin = `http://127.0.0.1:${server.port}`): Promise<Response> =>
    fetch(`http://127.0.0.1:${server.port}${RUN_EXPORT_PATH}`, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', Origin: origin },
    });

  it('answers an export request from the studio page with the run zip', async () => {
    const response = await exportRequest(JSON.stringify({ runId: 'up-run' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    const entries = readZip(new Uint8Array(await response.arrayBuffer()));
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['up-run/config.json', 'up-run/meta.json']));
  });

  it('refuses exports from elsewhere, of unknown or unsafe ids, and of malformed requests', async () => {
    expect((await exportRequest(JSON.stringify({ runId: 'up-run' }), 'http://evil.example')).status).toBe(403);
    expect((await exportRequest(JSON.stringify({ runId: 'nope' }))).status).toBe(404);
    const traversal = await exportRequest(JSON.stringify({ runId: '../etc' }));
    expect(traversal.status).toBe(400);
    expect(((await traversal.json()) as { ok: boolean }).ok).toBe(false);
    expect((await exportRequest('{"runId":')).status).toBe(400);
  });
});
