import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Mt19937 } from '../../electron/ale/mt19937';
import { Atari2600, EMULATOR_RNG_SEED, JOY } from '../../electron/emulator/atari-2600';
import { MISSING_ROMS, romPath } from '../support/roms';

const siPath = romPath('space_invaders');
const load = (p: string): Uint8Array => new Uint8Array(readFileSync(p));

describe.skipIf(!siPath)(`Atari2600${siPath ? '' : ` (${MISSING_ROMS})`}`, () => {
  it('powers on like ALE: 60 frames, NTSC, RNG used for RAM + 3 timer draws', () => {
    const c = new Atari2600(load(siPath!));
    expect(c.frames).toBe(60);
    expect(c.pal).toBe(false);
    const ref = new Mt19937(EMULATOR_RNG_SEED);
    for (let i = 0; i < 131; i++) ref.next();
    expect(c.rng.next()).toBe(ref.next());
  });

  it('decodes RAM mirrors, SWCHB switches and the joystick on SWCHA', () => {
    const c = new Atari2600(load(siPath!));
    c.write(0x1180, 0x5a); // A12 set: cartridge, not RAM
    c.write(0x0180, 0x42);
    expect(c.ram()[0]).toBe(0x42);
    expect(c.read(0x0080)).toBe(0x42);
    c.setDifficulty(true, false);
    c.setConsoleSwitches(false, true);
    c.setJoystick(0, JOY.UP | JOY.RIGHT, true);
    c.setJoystick(1, JOY.LEFT, false);
    c.runFrame();
    expect(c.read(0x0282)).toBe(0x3c | 0x01 | 0x40);
    expect(c.read(0x0280)).toBe(0xff & ~(0x10 | 0x80) & ~0x04);
    c.releaseInputs();
    c.runFrame();
    expect(c.read(0x0282)).toBe(0x3f | 0x40);
    expect(c.read(0x0280)).toBe(0xff);
  });

  it('restores a saved state exactly, in the same console or a new one', () => {
    const c = new Atari2600(load(siPath!));
    for (let i = 0; i < 30; i++) c.runFrame();
    const saved = c.saveState();
    const run = (console2600: Atari2600): string[] => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++) {
        console2600.setJoystick(0, i % 3 === 0 ? JOY.LEFT : 0, i % 2 === 0);
        console2600.runFrame();
        out.push(Buffer.from(console2600.ram()).toString('hex'));
      }
      out.push(Buffer.from(console2600.screen()).toString('hex'));
      return out;
    };
    const first = run(c);
    c.loadState(saved);
    expect(run(c)).toEqual(first);
    const other = new Atari2600(load(siPath!));
    other.loadState(saved);
    expect(run(other)).toEqual(first);
  });

  it('detects the bank scheme of every available ROM as ALE does', () => {
    const expected: Record<string, string> = {
      space_invaders: '4K',
      breakout: '2K',
      pong: '2K',
      seaquest: '4K',
      beam_rider: 'F8',
      enduro: '4K',
      qbert: '4K',
      ms_pacman: 'F8',
      freeway: '2K',
      asterix: 'F8',
    };
    for (const [game, scheme] of Object.entries(expected)) {
      const p = romPath(game);
      if (p) expect(new Atari2600(load(p)).cart.scheme, game).toBe(scheme);
    }
  });
});
