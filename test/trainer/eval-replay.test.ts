/** Evaluation episodes in episodes.jsonl replay frame-exactly through createAleEnv from their seed and actions. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAleEnv } from '../../electron/ale/env';
import { envOptions, evaluate } from '../../electron/trainer/loop/evaluate';
import { RunControl } from '../../electron/trainer/run-control';
import { createSyntheticAgent } from '../../electron/trainer/synthetic/synthetic-agent';
import { resolveRunConfig } from '../../shared/run-config';

const romDir = process.env.ALE_ROMS_DIR ?? resolve(__dirname, '../../../shared/roms');
const romPath = join(romDir, 'space_invaders.bin');
const haveRom = existsSync(romPath);
if (!haveRom) console.warn(`eval-replay: skipped, no ROM at ${romPath} (set ALE_ROMS_DIR)`);

describe.skipIf(!haveRom)('evaluation episodes replay frame-exactly', () => {
  for (const preset of ['nature', 'notebook'] as const) {
    it(`${preset}: same score and frames from seed + actions`, async () => {
      const rom = new Uint8Array(readFileSync(romPath));
      const config = resolveRunConfig(preset, { maxEpisodeFrames: 1500, evalEpsilon: 0.5 });
      const probe = createAleEnv(rom, envOptions(config, 0));
      const shape = preset === 'nature' ? { inputHeight: 84, inputWidth: 84 } : { inputHeight: 90, inputWidth: 80 };
      const agent = createSyntheticAgent({
        network: {
          kind: config.network,
          ...shape,
          channels: config.frameStack,
          actions: probe.actionSet.length,
          dueling: false,
        },
        learningRate: 0.01,
        adamEpsilon: 1e-8,
        gamma: 0.99,
        loss: 'huber',
        double: false,
        targetNetwork: true,
        maxGradNorm: 0,
        seed: 3,
      });
      const round = await evaluate(
        config,
        agent,
        (seed) => createAleEnv(rom, envOptions(config, seed)),
        [12345],
        0,
        { frames: 0, steps: 0, wallTime: 0 },
        new RunControl({ mode: 'turbo', enabled: false }),
      );
      const [episode] = round!.episodes;
      expect(episode.frames).toBe(1500);
      expect(episode.actions.length).toBeGreaterThan(100);

      const env = createAleEnv(rom, envOptions(config, episode.seed));
      env.reset();
      let score = 0;
      let frames = 0;
      for (const a of episode.actions) {
        const step = env.step(a);
        score += step.reward;
        frames += step.frames;
      }
      expect({ score, frames }).toEqual({ score: episode.score, frames: episode.frames });
      if (preset === 'nature') expect(episode.actions.slice(0, 1)).toEqual([0]); // no-op start
    });
  }
});
