import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary } from '../../shared/ipc/contract';
import { createRunsHandlers, type RunStoreReader } from '../../electron/ipc/runs-handlers';
import {
  diagnoseRunFolder,
  exportRunFolder,
  importRunArchive,
  inspectArchive,
  listRunFiles,
  unsafeEntryName,
} from '../../electron/runs/run-archive';
import { emptyTrash, listTrash } from '../../electron/runs/trash';
import { readZip, writeZip } from '../../electron/runs/zip';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
let runsDir: string;

beforeEach(() => {
  runsDir = mkdtempSync(join(tmpdir(), 'archive-test-'));
});
afterEach(() => rmSync(runsDir, { recursive: true, force: true }));

function makeRun(id: string, extra: Record<string, string> = {}): string {
  const dir = join(runsDir, id);
  const files: Record<string, string> = {
    'config.json': JSON.stringify({ gameId: 'pong', preset: 'nature', learningRate: 0.00025 }),
    'meta.json': JSON.stringify({ id, name: `Run ${id}`, status: 'stopped', createdAt: '2026-01-01T00:00:00Z' }),
    'metrics.jsonl': '{"kind":"episode","frames":100,"steps":25,"wallTime":1,"episode":1,"return":-21,"length":25}\n',
    'checkpoints/1000/weights.bin': 'old',
    'checkpoints/2000/weights.bin': 'new',
    'checkpoints/2000/state.json': '{}',
    'config.json.tmp-123': 'half written',
    ...extra,
  };
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), body);
  }
  return dir;
}

/** A minimal store over the folders (the real one lives in electron/runs/run-store.ts). */
function fakeStore(): RunStoreReader {
  const get = async (id: string): Promise<RunDetail> => {
    const config = JSON.parse(readFileSync(join(runsDir, id, 'config.json'), 'utf8'));
    const meta = JSON.parse(readFileSync(join(runsDir, id, 'meta.json'), 'utf8'));
    const summary: RunSummary = {
      id,
      name: meta.name,
      gameId: config.gameId,
      preset: config.preset,
      status: meta.status,
      frames: 0,
      createdAt: meta.createdAt,
      lastEval: null,
      bestEval: null,
    };
    return { summary, config, meta };
  };
  return {
    async list() {
      const out: RunSummary[] = [];
      for (const id of readdirSync(runsDir)) {
        if (id.startsWith('.')) continue;
        try {
          out.push((await get(id)).summary);
        } catch {
          // the real store may skip a folder it cannot read: the handlers must still list it
        }
      }
      return out;
    },
    get,
    metrics: async () => [],
    episodes: async () => [],
  };
}

describe('entry names', () => {
  it.each([
    ['../evil', "climbs out with '..'"],
    ['run/../../evil', "climbs out with '..'"],
    ['/etc/passwd', 'is an absolute path'],
    ['C:/Windows/x', 'starts with a drive letter'],
    ['run\\..\\evil', 'contains a backslash'],
    ['run//x', 'has an empty or "." path segment'],
    ['run/./x', 'has an empty or "." path segment'],
  ])('refuses %s', (name, why) => expect(unsafeEntryName(name)).toBe(why));

  it('accepts ordinary names', () => {
    expect(unsafeEntryName('run-1/checkpoints/2000/weights.bin')).toBeNull();
    expect(unsafeEntryName('run-1/')).toBeNull();
  });
});

describe('export', () => {
  it('skips temp files and older checkpoints', async () => {
    const dir = makeRun('r1');
    expect(await listRunFiles(dir)).toEqual([
      'checkpoints/2000/state.json',
      'checkpoints/2000/weights.bin',
      'config.json',
      'meta.json',
      'metrics.jsonl',
    ]);
    const names = readZip(await exportRunFolder(dir, 'r1')).map((e) => e.name);
    expect(names).toContain('r1/checkpoints/2000/weights.bin');
    expect(names).not.toContain('r1/checkpoints/1000/weights.bin');
  });
});

describe('import', () => {
  it('round-trips a run under a fresh id, never overwriting', async () => {
    const dir = makeRun('r1');
    const zip = await exportRunFolder(dir, 'r1');
    const id = await importRunArchive(runsDir, zip);
    expect(id).toBe('r1-imported');
    expect(readFileSync(join(runsDir, id, 'checkpoints/2000/weights.bin'), 'utf8')).toBe('new');
    expect(JSON.parse(readFileSync(join(runsDir, id, 'meta.json'), 'utf8')).id).toBe('r1-imported');
    expect(JSON.parse(readFileSync(join(runsDir, 'r1', 'meta.json'), 'utf8')).id).toBe('r1');
    expect(await importRunArchive(runsDir, zip)).toBe('r1-imported-2');
    expect(readdirSync(runsDir).filter((n) => n.startsWith('.import-'))).toEqual([]);
  });

  it('refuses path traversal before writing anything', async () => {
    const zip = writeZip([
      { name: 'r1/config.json', data: text('{}') },
      { name: 'r1/meta.json', data: text('{}') },
      { name: 'r1/../../escaped.txt', data: text('gotcha') },
    ]);
    await expect(importRunArchive(runsDir, zip)).rejects.toThrow(/climbs out/);
    expect(existsSync(join(runsDir, '..', 'escaped.txt'))).toBe(false);
    expect(readdirSync(runsDir)).toEqual([]);
  });

  it('refuses symlinks, several runs and loose files', () => {
    const link = writeZip([{ name: 'r1/config.json', data: text('{}') }]);
    const view = new DataView(link.buffer);
    const central = view.getUint32(link.length - 22 + 16, true);
    view.setUint32(central + 38, (0o120777 << 16) >>> 0, true);
    expect(() => inspectArchive(link)).toThrow(/symbolic link/);
    const two = writeZip([
      { name: 'a/config.json', data: text('{}') },
      { name: 'b/config.json', data: text('{}') },
    ]);
    expect(() => inspectArchive(two)).toThrow(/exactly one run folder/);
    expect(() => inspectArchive(writeZip([{ name: 'config.json', data: text('{}') }]))).toThrow(/exactly one/);
  });

  it('reports damaged archives clearly', () => {
    const noConfig = writeZip([{ name: 'r1/meta.json', data: text('{}') }]);
    expect(() => inspectArchive(noConfig)).toThrow(/no config.json/);
    const badJson = writeZip([
      { name: 'r1/config.json', data: text('{"lr": 0.1') },
      { name: 'r1/meta.json', data: text('{}') },
    ]);
    expect(() => inspectArchive(badJson)).toThrow(/config.json is not a JSON object/);
    const good = writeZip([
      { name: 'r1/config.json', data: text('{"a":1}') },
      { name: 'r1/meta.json', data: text('{}') },
    ]);
    const flipped = good.slice();
    flipped[30 + 'r1/config.json'.length + 2] ^= 1;
    expect(() => inspectArchive(flipped)).toThrow(/CRC-32 mismatch/);
    expect(() => inspectArchive(text('PK nonsense'))).toThrow(/Not a readable run archive/);
  });
});

describe('damaged folders', () => {
  it('diagnoses missing and broken files', async () => {
    expect(await diagnoseRunFolder(makeRun('ok'))).toBeNull();
    mkdirSync(join(runsDir, 'empty'));
    expect(await diagnoseRunFolder(join(runsDir, 'empty'))).toBe('config.json is missing');
    makeRun('torn', { 'meta.json': '{"name": "to' });
    expect(await diagnoseRunFolder(join(runsDir, 'torn'))).toBe('meta.json is not valid JSON');
  });
});

describe('runs handlers', () => {
  it('lists damaged folders beside good ones, and never lists the trash', async () => {
    makeRun('good');
    makeRun('broken', { 'config.json': 'not json' });
    let changes = 0;
    const handlers = createRunsHandlers({ runStore: fakeStore(), runsDir, onChanged: () => changes++ });
    const list = await handlers['runs:list']();
    expect(list.map((s) => [s.id, s.damaged ?? null]).sort()).toEqual([
      ['broken', 'config.json is not valid JSON'],
      ['good', null],
    ]);

    expect((await handlers['runs:delete']({ runId: 'good' })).trashed).toContain('.trash');
    expect((await handlers['runs:list']()).map((s) => s.id)).toEqual(['broken']);
    expect(await listTrash(runsDir)).toEqual(['good']);
    expect((await handlers['runs:restore']({ runId: 'good' })).name).toBe('Run good');
    expect(changes).toBe(2);

    await handlers['runs:delete']({ runId: 'broken' });
    await handlers.dispose();
    expect(existsSync(join(runsDir, '.trash'))).toBe(false);
    await expect(handlers['runs:restore']({ runId: 'broken' })).rejects.toThrow(/not in the trash/);
  });

  it('renames, exports and imports through the channels', async () => {
    makeRun('r1');
    const handlers = createRunsHandlers({ runStore: fakeStore(), runsDir });
    expect((await handlers['runs:rename']({ runId: 'r1', name: '  Nature, lr 2.5e-4 ' })).name).toBe(
      'Nature, lr 2.5e-4',
    );
    const bytes = await handlers['runs:export']({ runId: 'r1' });
    const imported = await handlers['runs:import']({ bytes });
    expect(imported).toMatchObject({ id: 'r1-imported', name: 'Nature, lr 2.5e-4', gameId: 'pong' });
    await expect(handlers['runs:get']({ runId: '../etc' })).rejects.toThrow(/not a run id/);
    await expect(handlers['runs:import']({ bytes: text('junk') })).rejects.toThrow(/Not a readable run archive/);
  });

  it('refuses to delete the run being trained', async () => {
    makeRun('live');
    const handlers = createRunsHandlers({ runStore: fakeStore(), runsDir, activeRunId: () => 'live' });
    await expect(handlers['runs:delete']({ runId: 'live' })).rejects.toThrow(/is training/);
    await emptyTrash(runsDir);
  });
});
