import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAssetPath } from '../../electron/server/static-files';
import { startStudioServer, type StudioServer } from '../../electron/server/studio-server';
import { createStudioBackend } from '../../electron/ipc/backend';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import { FakeTrainer } from '../ipc/fake-trainer';

describe('resolveAssetPath', () => {
  const root = '/srv/app';
  it.each([
    ['/', '/srv/app/index.html'],
    ['/index.html', '/srv/app/index.html'],
    ['/assets/index-abc.js?v=1', '/srv/app/assets/index-abc.js'],
    ['/assets/', '/srv/app/assets/index.html'],
    ['/a%20b.css#x', '/srv/app/a b.css'],
  ])('maps %s inside the root', (url, expected) => {
    expect(resolveAssetPath(root, url)).toBe(expected);
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/..%2fsecret',
    '/..%5csecret',
    '/a\\..\\b',
    '/%00index.html',
    '/%E0%A4%A',
    'index.html',
    '//etc/passwd/..',
    '/./index.html',
  ])('refuses %s', (url) => {
    expect(resolveAssetPath(root, url)).toBeNull();
  });
});

function get(port: number, path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // A raw path (no URL normalisation by the client) so traversal attempts reach the server as written.
    const req = request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  let dir: string;
  let server: StudioServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqn-static-'));
    const root = join(dir, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>studio</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
    const backend = createStudioBackend({
      runsDir: join(dir, 'runs'),
      romDirs: [],
      discoverRoms: false,
      trainer: new FakeTrainer(),
      runStore: createMemoryRunStore(),
      shell: { kind: 'web' },
    });
    server = await startStudioServer({ backend, port: 0, rendererDir: root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the renderer with content types', async () => {
    const index = await get(server.port, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('studio');
    expect((await get(server.port, '/assets/app.js')).status).toBe(200);
    expect((await get(server.port, '/missing.js')).status).toBe(404);
  });

  it('never serves files outside its folder', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await get(server.port, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('secret');
    }
    // A symlink inside the folder that points outside it is refused too.
    expect((await get(server.port, '/link.txt')).status).toBe(404);
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    expect((await get(server.port, '/', 'evil.example:80')).status).toBe(403);
    expect((await get(server.port, '/', `localhost:${server.port}`)).status).toBe(200);
  });

  it('explains when the renderer is not built', async () => {
    const backend = createStudioBackend({
      runsDir: dir,
      romDirs: [],
      discoverRoms: false,
      trainer: new FakeTrainer(),
      runStore: createMemoryRunStore(),
      shell: { kind: 'web' },
    });
    await expect(startStudioServer({ backend, port: 0, rendererDir: join(dir, 'nope') })).rejects.toThrow(
      /not built.*npm run build/,
    );
  });
});
