import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AleEnv, createAleEnv } from '../../electron/ale/env';
import type { EnvOptions } from '../../electron/ale/types';
import { MISSING_ROMS, romPath } from '../support/roms';

const siPath = romPath('space_invaders');
const base: EnvOptions = {
  frameskip: 4,
  repeatActionProbability: 0.25,
  fullActionSpace: false,
  maxEpisodeFrames: 0,
  seed: 7,
};
const make = (o: Partial<EnvOptions> = {}): AleEnv =>
  new AleEnv(new Uint8Array(readFileSync(siPath!)), { ...base, ...o, fileName: siPath! });

describe.skipIf(!siPath)(`AleEnv${siPath ? '' : ` (${MISSING_ROMS})`}`, () => {
  it('exposes the minimal or the full action set with names', () => {
    const env = make();
    expect(env.gameId).toBe('space_invaders');
    expect(env.actionSet).toEqual([0, 1, 3, 4, 11, 12]);
    expect(env.actionNames).toEqual(['NOOP', 'FIRE', 'RIGHT', 'LEFT', 'RIGHTFIRE', 'LEFTFIRE']);
    expect(make({ fullActionSpace: true }).actionSet).toHaveLength(18);
    expect(() => env.step(6)).toThrow(/out of range/);
  });

  it('steps frameskip frames, returns the second-to-last frame as previousScreen', () => {
    const env = make({ frameskip: 4, repeatActionProbability: 0 });
    env.reset();
    const r = env.step(1);
    expect(r.frames).toBe(4);
    expect(r.info.episodeFrameNumber).toBe(4);
    // Re-run the same step frame by frame from a clone to get frame 3's screen.
    const one = make({ frameskip: 1, repeatActionProbability: 0 });
    one.reset();
    for (let i = 0; i < 3; i++) one.step(1);
    const third = Uint8Array.from(one.screen());
    one.step(1);
    expect(Buffer.from(r.previousScreen).equals(Buffer.from(third))).toBe(true);
    expect(Buffer.from(r.screen).equals(Buffer.from(one.screen()))).toBe(true);
  });

  it('draws a frame-skip range per step', () => {
    const env = make({ frameskip: { min: 2, max: 4 } });
    env.reset();
    const seen = new Set<number>();
    for (let i = 0; i < 40; i++) seen.add(env.step(0).frames);
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });

  it('truncates at maxEpisodeFrames and resets the episode counter', () => {
    const env = make({ frameskip: 5, maxEpisodeFrames: 12 });
    env.reset();
    env.step(0);
    env.step(0);
    const r = env.step(0);
    expect(r.truncated).toBe(true);
    expect(r.terminated).toBe(false);
    expect(r.frames).toBe(2);
    expect(env.step(0).frames).toBe(0);
    expect(env.reset().info.episodeFrameNumber).toBe(0);
  });

  it('replays exactly from a cloned state, sticky-action RNG included', () => {
    const env = make({ frameskip: { min: 2, max: 4 } });
    env.reset();
    for (let i = 0; i < 50; i++) env.step(i % 6);
    const state = env.cloneState();
    const run = (): string => {
      let log = '';
      for (let i = 0; i < 60; i++) {
        const r = env.step((i * 5) % 6);
        log += `${r.reward},${r.frames},${Buffer.from(env.ram()).toString('hex')};`;
      }
      return log;
    };
    const first = run();
    env.restoreState(state);
    expect(run()).toBe(first);
  });

  it('validates options with the field name', () => {
    expect(() => make({ frameskip: 0 })).toThrow(/frameskip/);
    expect(() => make({ repeatActionProbability: 2 })).toThrow(/repeatActionProbability/);
    expect(() => make({ mode: 99 })).toThrow(/mode 99/);
    expect(() => make({ difficulty: 5 })).toThrow(/difficulty 5/);
  });

  it('converts screens to RGB and grayscale', () => {
    const env = createAleEnv(new Uint8Array(readFileSync(siPath!)), base) as AleEnv;
    const s = env.reset().screen;
    expect(env.screenRgb()).toHaveLength(s.length * 3);
    expect(env.screenGrayscale()).toHaveLength(s.length);
  });
});

describe('frame-render skipping', () => {
  const games = [
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
  ];
  for (const game of games) {
    const path = romPath(game);
    it.skipIf(!path)(`${game}: screens equal those of an env that renders every frame`, () => {
      const rom = new Uint8Array(readFileSync(path!));
      const opts = { ...base, frameskip: 4, maxEpisodeFrames: 1200, seed: 3 };
      const fast = new AleEnv(rom, opts);
      const full = new AleEnv(rom, { ...opts, renderAllFrames: true });
      const noPool = new AleEnv(rom, { ...opts, previousScreen: false });
      fast.reset();
      full.reset();
      noPool.reset();
      let x = 12345;
      for (let step = 0; step < 250; step++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        const a = (x >>> 16) % fast.actionSet.length;
        const r1 = fast.step(a);
        const r2 = full.step(a);
        const same =
          Buffer.from(r1.screen).equals(Buffer.from(r2.screen)) &&
          Buffer.from(r1.previousScreen).equals(Buffer.from(r2.previousScreen));
        expect(same, `step ${step}`).toBe(true);
        const r3 = noPool.step(a);
        expect(Buffer.from(r3.screen).equals(Buffer.from(r2.screen)), `step ${step} without max-pool`).toBe(true);
        if (r1.terminated || r1.truncated) {
          fast.reset();
          full.reset();
          noPool.reset();
        }
      }
    });
  }
});

describe.skipIf(!siPath)('AleEnv state restore errors', () => {
  it('rejects corrupt, truncated and foreign states and keeps its own state', () => {
    const env = make();
    env.reset();
    for (let i = 0; i < 10; i++) env.step(1);
    const good = env.cloneState();
    const ram = Buffer.from(env.ram()).toString('hex');
    expect(() => env.restoreState(new Uint8Array(10))).toThrow(/not an ALE env state/);
    expect(() => env.restoreState(good.slice(0, good.length - 100))).toThrow(/corrupt/);
    expect(Buffer.from(env.ram()).toString('hex')).toBe(ram);
    const breakout = romPath('breakout');
    if (breakout) {
      const other = new AleEnv(new Uint8Array(readFileSync(breakout)), { ...base, fileName: breakout });
      expect(() => other.restoreState(good)).toThrow(/md5/);
    }
    env.restoreState(good);
    expect(Buffer.from(env.ram()).toString('hex')).toBe(ram);
  });
});
