import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectTrainerHost, type TrainerMessage } from '../../electron/trainer/protocol';

// The app's utility-process entry, run under Node with a stand-in parentPort: proves the Electron trainer
// process wiring (options argument, port adapter, child host) without an Electron binary.
const runsDir = mkdtempSync(join(tmpdir(), 'dqn-utility-'));
afterAll(() => rmSync(runsDir, { recursive: true, force: true }));

describe('trainer utility process entry', () => {
  it('serves a TrainerHost on process.parentPort and trains a synthetic run', async () => {
    const child = fork('electron/main/trainer-process.ts', [JSON.stringify({ runsDir, synthetic: true })], {
      execArgv: ['--import', 'tsx', '--import', './test/support/fake-parent-port.mjs'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    try {
      const host = connectTrainerHost(
        {
          post: (message) => child.send(message),
          onMessage(listener) {
            const handler = (m: unknown): void => listener(m as TrainerMessage);
            child.on('message', handler);
            return () => child.off('message', handler);
          },
        },
        async () => ({ bytes: new Uint8Array(0), fileName: 'synthetic.bin' }),
      );
      await host.ready;
      expect(host.status().state).toBe('idle');
      const started = await host.start({
        gameId: 'synthetic',
        preset: 'nature',
        frames: 4000,
        seed: 1,
        overrides: { replayCapacity: 2000, learningStarts: 200 },
      });
      expect(started.runId).toEqual(expect.any(String));
      await new Promise<void>((resolve) => {
        const off = host.on('status', (s) => {
          if (s.frames > 0 || s.state === 'failed') {
            off();
            resolve();
          }
        });
      });
      const stopped = await host.stop();
      expect(['stopped', 'finished']).toContain(stopped.state);
      expect(stopped.frames).toBeGreaterThan(0);
      await host.dispose();
    } finally {
      child.kill();
    }
  });
});
