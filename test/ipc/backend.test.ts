import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventMap } from '../../shared/ipc/contract';
import { createStudioBackend, type StudioBackend } from '../../electron/ipc/backend';
import { createMemoryRunStore } from '../../electron/runs/memory-run-store';
import { MISSING_ROMS, romPath } from '../support/roms';
import { FakeTrainer, sampleFrame } from './fake-trainer';

describe('studio backend', () => {
  let dir: string;
  let trainer: FakeTrainer;
  let backend: StudioBackend;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dqn-backend-'));
    trainer = new FakeTrainer();
    backend = createStudioBackend({
      runsDir: join(dir, 'runs'),
      romDirs: [join(dir, 'app-roms')],
      discoverRoms: false,
      trainer,
      runStore: createMemoryRunStore(),
      shell: { kind: 'web' },
    });
  });

  afterEach(async () => {
    await backend.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers app:version with the package version and shell', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const v = await backend.invoke('app:version', undefined);
    expect(v).toMatchObject({ name: 'dqn-studio', version: pkg.version, shell: 'web', node: process.versions.node });
  });

  it('lists the recipe presets with their configs', async () => {
    const presets = await backend.invoke('presets:list', undefined);
    expect(presets.map((p) => p.name)).toEqual(['notebook', 'notebook-fixed', 'nature']);
    expect(presets[2].config.frameStack).toBe(4);
  });

  it('refuses unknown channels and reports errors as { code, message, field }', async () => {
    await expect(backend.invoke('nope:x' as never, undefined as never)).rejects.toMatchObject({
      code: 'unknown-channel',
    });
    expect(await backend.invokeSafe('runs:get', { runId: '../etc' })).toEqual({
      ok: false,
      error: { code: 'bad-request', message: "'../etc' is not a run id.", field: 'runId' },
    });
    const bad = await backend.invokeSafe('trainer:start', { gameId: 'pong', preset: 'nature', seed: -1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-config', field: 'seed' } });
  });

  it('refuses to start a game whose ROM is missing, naming the field', async () => {
    const r = await backend.invokeSafe('trainer:start', { gameId: 'pong', preset: 'nature' });
    expect(r).toMatchObject({ ok: false, error: { code: 'rom-not-found', field: 'gameId' } });
    expect(trainer.starts).toEqual([]);
  });

  it('refuses an unknown ROM upload with a clear message and stores nothing', async () => {
    const bytes = new Uint8Array(4096).fill(0xea);
    const r = await backend.invokeSafe('roms:add', { name: 'mystery.bin', bytes });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('rom-unknown');
      expect(r.error.message).toMatch(/md5 [0-9a-f]{32}/);
      expect(r.error.message).toContain('space_invaders');
    }
    expect(await backend.invoke('roms:list', undefined)).toEqual([]);
    const empty = await backend.invokeSafe('roms:add', { name: 'x.bin', bytes: new Uint8Array(0) });
    expect(empty).toMatchObject({ ok: false, error: { code: 'rom-invalid' } });
  });

  it.skipIf(!romPath('space_invaders'))('identifies an uploaded ROM by md5 (any file name) and lists it', async () => {
    const bytes = new Uint8Array(readFileSync(romPath('space_invaders')!));
    const rom = await backend.invoke('roms:add', { name: 'SI (renamed).a26', bytes });
    expect(rom).toMatchObject({ gameId: 'space_invaders', source: 'upload', md5: '72ffbef6504b75e69ee1045af9075f66' });
    expect(existsSync(join(dir, 'app-roms', 'space_invaders.bin'))).toBe(true);
    const list = await backend.invoke('roms:list', undefined);
    expect(list.map((r) => r.gameId)).toEqual(['space_invaders']);
    expect(await backend.invoke('roms:bytes', { gameId: 'space_invaders' })).toEqual(bytes);
    // A wrong dump under the right name is refused (ALE would accept it by name with a warning).
    const wrong = bytes.slice();
    wrong[100] ^= 0xff;
    const r = await backend.invokeSafe('roms:add', { name: 'space_invaders.bin', bytes: wrong });
    expect(r).toMatchObject({ ok: false, error: { code: 'rom-unknown' } });
  });

  it.skipIf(!romPath('pong'))('discovers ROMs in folders by content, not name', async () => {
    const folder = join(dir, 'app-roms');
    rmSync(folder, { recursive: true, force: true });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(folder);
    copyFileSync(romPath('pong')!, join(folder, 'renamed.bin'));
    writeFileSync(join(folder, 'junk.bin'), new Uint8Array(2048));
    const list = await backend.invoke('roms:list', undefined);
    expect(list).toEqual([expect.objectContaining({ gameId: 'pong', source: 'app' })]);
  });

  it.skipIf(!romPath('space_invaders'))('starts, pauses, resumes and stops through the trainer host', async () => {
    const bytes = new Uint8Array(readFileSync(romPath('space_invaders')!));
    await backend.invoke('roms:add', { name: 'si.bin', bytes });
    const status = await backend.invoke('trainer:start', {
      gameId: 'space_invaders',
      preset: 'notebook',
      seed: 3,
      frames: 1000,
      overrides: { learningRate: 0.01 },
    });
    expect(status.state).toBe('running');
    expect(trainer.starts[0]).toEqual({
      gameId: 'space_invaders',
      preset: 'notebook',
      seed: 3,
      frames: 1000,
      overrides: { learningRate: 0.01 },
    });
    expect((await backend.invoke('trainer:pause', undefined)).state).toBe('paused');
    expect((await backend.invoke('trainer:resume', undefined)).state).toBe('running');
    await backend.invoke('trainer:display', { mode: 'watch', enabled: false });
    expect(trainer.displayCalls).toEqual([{ mode: 'watch', enabled: false }]);
    const badMode = await backend.invokeSafe('trainer:display', { mode: 'fast' as never, enabled: true });
    expect(badMode).toMatchObject({ ok: false, error: { field: 'mode' } });
    expect((await backend.invoke('trainer:stop', undefined)).state).toBe('stopped');
  });

  it('relays trainer events; frames only while someone listens', async () => {
    const seen: (keyof EventMap)[] = [];
    backend.on('trainer:status', () => seen.push('trainer:status'));
    backend.on('trainer:metrics', () => seen.push('trainer:metrics'));
    backend.on('runs:changed', () => seen.push('runs:changed'));
    expect(backend.hasListeners('trainer:frame')).toBe(false);
    const frames: number[] = [];
    const off = backend.on('trainer:frame', (f) => frames.push(f.frames));
    trainer.emitFrame(sampleFrame(8));
    off();
    trainer.emitFrame(sampleFrame(12));
    expect(frames).toEqual([8]);
    trainer.emitMetrics([{ kind: 'episode', episode: 1, return: 5, length: 10, frames: 40, steps: 10, wallTime: 1 }]);
    await trainer.stop();
    expect(seen).toEqual(['trainer:metrics', 'trainer:status', 'runs:changed']);
  });

  it('asks the trainer for turbo frames only while someone subscribes to them', async () => {
    await backend.invoke('trainer:display', { mode: 'turbo', enabled: true });
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: false }); // nobody watches yet
    const offA = backend.on('trainer:frame', () => {});
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: true });
    const offB = backend.on('trainer:frame', () => {});
    offA();
    expect(trainer.displayCalls).toHaveLength(2); // still watched: nothing to change
    offB();
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: false });
    // The user's own "off" wins whoever watches; watch mode paces training as asked, watched or not.
    await backend.invoke('trainer:display', { mode: 'watch', enabled: true });
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'watch', enabled: true });
    const offC = backend.on('trainer:frame', () => {});
    await backend.invoke('trainer:display', { mode: 'turbo', enabled: false });
    expect(trainer.displayCalls.at(-1)).toEqual({ mode: 'turbo', enabled: false });
    offC();
    const answer = await backend.invokeSafe('trainer:frames', { on: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('lists runs (empty store) and refuses reading a missing run', async () => {
    expect(await backend.invoke('runs:list', undefined)).toEqual([]);
    const r = await backend.invokeSafe('runs:get', { runId: 'nope' });
    expect(r.ok).toBe(false);
  });
});

if (!romPath('space_invaders')) console.warn(MISSING_ROMS);
