/**
 * The ten games run with ROM code compiled into blocks and with the interpreter only: after every frame
 * of random play the CPU state, cycle count, RAM, collision latches and screen are identical. This covers
 * the games without ALE traces here (freeway, asterix) and inputs the traces never send.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Atari2600, type ConsoleOptions } from '../../../electron/emulator/atari-2600';
import { MISSING_ROMS, romPath } from '../../support/roms';

const GAMES: [string, ConsoleOptions][] = [
  ['space_invaders', {}],
  ['breakout', { controllers: 'paddles' }],
  ['pong', { controllers: 'paddles-swapped' }],
  ['seaquest', {}],
  ['beam_rider', {}],
  ['enduro', {}],
  ['qbert', { yStart: 40 }],
  ['ms_pacman', { hmoveBlanks: false }],
  ['freeway', {}],
  ['asterix', {}],
];

const digest = (c: Atari2600): string => {
  const cpu = c.cpu;
  const hash = createHash('sha1').update(c.ram()).update(c.screen());
  return `${[cpu.a, cpu.x, cpu.y, cpu.sp, cpu.p, cpu.pc, cpu.cycles, cpu.instructions, c.tia.collisionLatches]} ${hash.digest('hex')}`;
};

describe('compiled ROM code on the ten games', () => {
  for (const [game, options] of GAMES) {
    const path = romPath(game);
    it.skipIf(!path)(`${game}: every frame as the interpreter runs it${path ? '' : ` (${MISSING_ROMS})`}`, () => {
      const rom = new Uint8Array(readFileSync(path!));
      const interpreted = new Atari2600(rom, { ...options, compileCode: false });
      const compiled = new Atari2600(rom, { ...options, compileCode: true });
      let seed = 777;
      for (let f = 0; f < 600; f++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const direction = [0, 0x80, 0x40, 0x20, 0x10, 0x90, 0x60][seed % 7];
        const fire = (seed >> 8) % 3 === 0;
        for (const c of [interpreted, compiled]) {
          c.setJoystick(0, direction, fire);
          c.setPaddle(0, 27450 + (seed % 760000), fire);
          c.setConsoleSwitches(f < 4 || f % 250 === 0, false);
          c.runFrame();
        }
        expect(digest(compiled), `frame ${f}`).toBe(digest(interpreted));
      }
      expect(compiled.cpu.compiledBlocks).toBeGreaterThan(20);
      expect(interpreted.cpu.compiledBlocks).toBe(0);
    });
  }
});
