import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AleEnv } from '../../electron/ale/env';
import { romPath } from '../support/roms';

const base = { frameskip: 1, repeatActionProbability: 0, fullActionSpace: false, maxEpisodeFrames: 0, seed: 1 };

describe('game modes and difficulties', () => {
  const cases: [string, number, (ram: Uint8Array) => boolean][] = [
    ['space_invaders', 5, (ram) => ram[0xdc - 0x80] === 5],
    ['breakout', 8, (ram) => ram[0xb2 - 0x80] === 8],
    ['pong', 1, (ram) => ram[0x96 - 0x80] === 1],
    ['freeway', 3, (ram) => ram[0x80 - 0x80] === 3],
    ['ms_pacman', 2, (ram) => ram[0x99 - 0x80] === 2 && ram[0xa1 - 0x80] === 0],
  ];
  for (const [game, mode, reached] of cases) {
    const path = romPath(game);
    it.skipIf(!path)(`${game}: mode ${mode} is selected by pressing SELECT during reset`, () => {
      const env = new AleEnv(new Uint8Array(readFileSync(path!)), { ...base, mode });
      expect(reached(env.ram())).toBe(true);
      // Each press counts as one frame, as in ALE.
      expect(env.reset().info.episodeFrameNumber).toBeGreaterThan(0);
      env.step(0);
      env.reset();
      expect(reached(env.ram())).toBe(true);
    });
  }

  const pong = romPath('pong');
  it.skipIf(!pong)('difficulty bits drive the difficulty switches (SWCHB bits 6 and 7)', () => {
    const env = new AleEnv(new Uint8Array(readFileSync(pong!)), { ...base, difficulty: 3 });
    env.step(0);
    expect(env.ale.console.read(0x282) & 0xc0).toBe(0xc0);
    const easy = new AleEnv(new Uint8Array(readFileSync(pong!)), { ...base, difficulty: 2 });
    easy.step(0);
    expect(easy.ale.console.read(0x282) & 0xc0).toBe(0x80);
  });
});
