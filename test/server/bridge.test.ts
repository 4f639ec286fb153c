import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DisplayFrame } from '../../shared/ipc/contract';
import { TURBO_DISPLAY_FPS } from '../../shared/ipc/contract';
import { decodeFrame, decodeJson, encodeFrame, encodeJson, WS_PATH } from '../../shared/ipc/wire';
import { createStudioBackend } from '../../electron/ipc/backend';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import { startStudioServer, type StudioServer } from '../../electron/server/studio-server';
import { FakeTrainer, sampleFrame } from '../ipc/fake-trainer';

function open(server: StudioServer, origin?: string): Promise<WebSocket> {
  const url = `ws://127.0.0.1:${server.port}${WS_PATH}`;
  const ws = new WebSocket(url, { origin: origin ?? `http://127.0.0.1:${server.port}` });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, channel: string, req: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData, binary: boolean): void => {
      if (binary) return;
      const msg = decodeJson(String(data)) as Record<string, unknown>;
      if (msg.t === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(encodeJson({ t: 'invoke', id, channel, req }));
  });
}

describe('wire codec', () => {
  it('round-trips Uint8Array inside JSON and display frames as binary', () => {
    const bytes = new Uint8Array([0, 1, 254, 255]);
    expect(decodeJson(encodeJson({ a: { bytes }, n: 1 }))).toEqual({ a: { bytes }, n: 1 });
    const frame = sampleFrame(40);
    const encoded = encodeFrame(frame);
    expect(encoded.length).toBeLessThan(210 * 160 + 90 * 80 + 400);
    expect(decodeFrame(encoded)).toEqual(frame);
    expect(() => decodeFrame(encoded.subarray(0, 100))).toThrow();
  });
});

describe('WebSocket bridge', () => {
  let dir: string;
  let trainer: FakeTrainer;
  let server: StudioServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dqn-bridge-'));
    mkdirSync(join(dir, 'r'));
    writeFileSync(join(dir, 'r', 'index.html'), '<!doctype html>');
    trainer = new FakeTrainer();
    const backend = createStudioBackend({
      runsDir: join(dir, 'runs'),
      romDirs: [],
      discoverRoms: false,
      trainer,
      runStore: createMemoryRunStore(),
      shell: { kind: 'web' },
    });
    server = await startStudioServer({ backend, port: 0, rendererDir: join(dir, 'r') });
  });

  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers invokes, including structured errors and refused channels', async () => {
    const ws = await open(server);
    expect(await call(ws, 1, 'app:version', null)).toMatchObject({ ok: true, res: { shell: 'web' } });
    expect(await call(ws, 2, 'runs:get', { runId: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', field: 'runId' },
    });
    expect(await call(ws, 3, 'shell:exec', { cmd: 'rm' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    const upload = await call(ws, 4, 'roms:add', { name: 'x.bin', bytes: new Uint8Array(4096) });
    expect(upload).toMatchObject({ ok: false, error: { code: 'rom-unknown' } });
    ws.close();
  });

  it('refuses upgrades from other origins', async () => {
    await expect(open(server, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(open(server, 'null')).rejects.toThrow(/403/);
  });

  it('pushes status events to all and frames only to subscribers', async () => {
    const watcher = await open(server);
    const idle = await open(server);
    const got = { watcherFrames: 0, idleFrames: 0, idleStatus: 0 };
    watcher.on('message', (_d, binary) => binary && got.watcherFrames++);
    idle.on('message', (d, binary) => {
      if (binary) got.idleFrames++;
      else if ((decodeJson(String(d)) as { channel?: string }).channel === 'trainer:status') got.idleStatus++;
    });
    watcher.send(JSON.stringify({ t: 'subscribe', channel: 'trainer:frame', on: true }));
    await new Promise((r) => setTimeout(r, 50));
    const frame: DisplayFrame = sampleFrame(8);
    trainer.emitFrame(frame);
    await trainer.pause();
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual({ watcherFrames: 1, idleFrames: 0, idleStatus: 1 });
    watcher.close();
    idle.close();
  });

  it('samples frames in turbo: at most TURBO_DISPLAY_FPS per socket', async () => {
    const ws = await open(server);
    let received = 0;
    ws.on('message', (_d, binary) => binary && received++);
    ws.send(JSON.stringify({ t: 'subscribe', channel: 'trainer:frame', on: true }));
    await trainer.setDisplay('turbo', true);
    await new Promise((r) => setTimeout(r, 50));
    const before = server.bridge.stats();
    for (let i = 0; i < 50; i++) trainer.emitFrame(sampleFrame(i * 4)); // a burst within a few ms
    await new Promise((r) => setTimeout(r, 1000 / TURBO_DISPLAY_FPS + 50));
    trainer.emitFrame(sampleFrame(999)); // a frame after the sampling interval gets through
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toBe(2);
    expect(server.bridge.stats().throttled - before.throttled).toBe(49);
    ws.close();
  });

  it("subscribes through the contract's 'trainer:frames' call too, and asks the trainer for frames only meanwhile", async () => {
    const ws = await open(server);
    let received = 0;
    ws.on('message', (_d, binary) => binary && received++);
    trainer.displayCalls = [];
    expect(await call(ws, 1, 'trainer:display', { mode: 'turbo', enabled: true })).toMatchObject({ ok: true });
    // Nobody subscribed yet: the UI's request is kept, but the trainer builds no frames.
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: false });
    expect(await call(ws, 2, 'trainer:frames', { on: true })).toMatchObject({ ok: true });
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: true });
    await new Promise((r) => setTimeout(r, 1000 / TURBO_DISPLAY_FPS));
    trainer.emitFrame(sampleFrame(12));
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toBe(1);
    expect(await call(ws, 3, 'trainer:frames', { on: false })).toMatchObject({ ok: true });
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: false });
    ws.close();
  });

  it('drops frames for a socket that is backed up instead of queueing them', async () => {
    const ws = await open(server);
    await call(ws, 1, 'trainer:display', { mode: 'watch', enabled: true }); // watch mode: every frame is wanted
    ws.send(JSON.stringify({ t: 'subscribe', channel: 'trainer:frame', on: true }));
    await new Promise((r) => setTimeout(r, 50));
    // Stop reading: the kernel buffers fill, then the server's queue, then frames must be dropped.
    (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const before = server.bridge.stats();
    for (let i = 0; i < 400; i++) trainer.emitFrame(sampleFrame(i * 4));
    const after = server.bridge.stats();
    const sent = after.sent - before.sent;
    // Only about FRAME_BACKLOG_BYTES (plus what the kernel takes) is ever queued; the rest is dropped.
    expect(sent).toBeLessThan(150);
    expect(after.dropped - before.dropped).toBe(400 - sent);
    ws.terminate();
  });
});
