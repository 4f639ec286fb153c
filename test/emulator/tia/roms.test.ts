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

describe('TIA on the ten games', () => {
  for (const [game, options] of GAMES) {
    const path = romPath(game);
    it.skipIf(!path)(
      `${game}: frames that skip pixel composition keep RAM, timing and collisions exact${path ? '' : ` (${MISSING_ROMS})`}`,
      () => {
        const rom = new Uint8Array(readFileSync(path!));
        const drawn = new Atari2600(rom, options);
        const skipped = new Atari2600(rom, options);
        let seed = 12345;
        for (let f = 0; f < 400; f++) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          const direction = [0, 0x80, 0x40, 0x20, 0x10][seed % 5];
          const fire = (seed >> 8) % 3 === 0;
          for (const c of [drawn, skipped]) {
            c.setJoystick(0, direction, fire);
            c.setPaddle(0, 27450 + (seed % 760000), fire);
            c.setConsoleSwitches(f < 4, false);
          }
          skipped.tia.renderPixels = f % 4 === 3;
          drawn.runFrame();
          skipped.runFrame();
          expect(skipped.cpu.cycles, `frame ${f}`).toBe(drawn.cpu.cycles);
          expect(skipped.tia.collisionLatches, `collisions after frame ${f}`).toBe(drawn.tia.collisionLatches);
          expect(Buffer.from(skipped.ram()).equals(Buffer.from(drawn.ram())), `RAM after frame ${f}`).toBe(true);
        }
        expect(drawn.tia.scanlinesLastFrame).toBe(262);
        expect(Buffer.from(skipped.screen()).equals(Buffer.from(drawn.screen()))).toBe(true);
      },
    );
  }
});
