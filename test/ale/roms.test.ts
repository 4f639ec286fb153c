import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAleEnv } from '../../electron/ale/env';
import { identifyRom, RomError, romStem, SUPPORTED_GAMES } from '../../electron/ale/roms';
import { romPath } from '../support/roms';

describe('identifyRom', () => {
  it('lists the ten supported games', () => {
    expect(SUPPORTED_GAMES.map((g) => g.id)).toEqual([
      'space_invaders',
      'breakout',
      'pong',
      'seaquest',
      'beam_rider',
      'enduro',
      'qbert',
      'ms_pacman',
      'freeway',
      'asterix',
    ]);
  });

  it('takes the lower-cased file-name stem', () => {
    expect(romStem('/roms/Space_Invaders.BIN')).toBe('space_invaders');
    expect(romStem('C:\\x\\pong.bin')).toBe('pong');
  });

  it('rejects empty, wrong-size and unknown images with the list of supported games', () => {
    expect(() => identifyRom(new Uint8Array(0), 'x.bin')).toThrow(/empty/);
    expect(() => identifyRom(new Uint8Array(1000), 'x.bin')).toThrow(RomError);
    expect(() => identifyRom(new Uint8Array(10240))).toThrow(/DPC.*space_invaders/);
    const unknown = new Uint8Array(4096).map((_, i) => i * 7);
    expect(() => identifyRom(unknown, 'homebrew.bin')).toThrow(/not a supported game.*breakout/);
  });

  it('matches by file name with a warning when the md5 is unknown', () => {
    const other = new Uint8Array(4096).map((_, i) => i * 13);
    const id = identifyRom(other, '/tmp/Seaquest.bin');
    expect(id.game.id).toBe('seaquest');
    expect(id.matchedBy).toBe('file-name');
    expect(id.warning).toMatch(/md5/);
  });

  const rom = romPath('space_invaders');
  it.skipIf(!rom)('identifies a real ROM by md5 whatever its name', () => {
    const bytes = new Uint8Array(readFileSync(rom!));
    const id = identifyRom(bytes, 'renamed.bin');
    expect(id.game.id).toBe('space_invaders');
    expect(id.matchedBy).toBe('md5');
  });

  it('fails createAleEnv with a clear error for a bad file', () => {
    expect(() =>
      createAleEnv(new Uint8Array(123), {
        frameskip: 1,
        repeatActionProbability: 0,
        fullActionSpace: false,
        maxEpisodeFrames: 0,
        seed: 1,
        fileName: 'broken.bin',
      }),
    ).toThrow(/broken\.bin.*Supported games/);
  });
});
