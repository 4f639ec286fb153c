import { describe, expect, it } from 'vitest';
import { Compositor } from '../../../electron/emulator/tia/compose';
import { TiaObjects } from '../../../electron/emulator/tia/objects';
import * as t from '../../../electron/emulator/tia/tables';
import { StateReader, StateWriter } from '../../../electron/emulator/state';

/** A small seeded generator (the test must be reproducible). */
function lcg(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
}

/** Random object state through the TiaObjects setters, as register writes would leave it. */
function randomObjects(rand: (n: number) => number): TiaObjects {
  const o = new TiaObjects();
  o.setNusiz0(rand(256));
  o.setNusiz1(rand(256));
  o.resetPlayer(0, rand(160), rand(4) === 0 ? 1 : 0);
  o.resetPlayer(1, rand(160), rand(4) === 0 ? 1 : 0);
  o.resetMissileOrBall(0x12, 68 + rand(160), 1000);
  o.resetMissileOrBall(0x13, 68 + rand(160), 1000);
  o.resetMissileOrBall(0x14, 68 + rand(160), 1000);
  o.setCtrlpf(rand(256), true);
  for (let i = 0; i < 4; i++) o.colours[i] = rand(128) * 2;
  // Sparse values, so that "off" objects and empty playfields come up often.
  const sparse = (): number => (rand(3) === 0 ? 0 : rand(256));
  o.setPlayfield(rand(3) === 0 ? 0 : rand(1 << 20));
  for (const reg of [0x25, 0x26, 0x27]) o.writeGraphics(reg, rand(4) === 0 ? 1 : 0);
  for (const reg of [0x1b, 0x1c, 0x1b]) o.writeGraphics(reg, sparse());
  for (const reg of [0x1d, 0x1e, 0x1f, 0x1f]) o.writeGraphics(reg, rand(2) * 2);
  o.setReflect(0, rand(2) === 1);
  o.setReflect(1, rand(2) === 1);
  if (rand(8) === 0) o.writeGraphics(0x28, 2);
  return o;
}

/** Stella's per-pixel span logic: every pixel's object bits, latch and priority colour. */
function referenceSpan(o: TiaObjects, buf: Uint8Array, base: number, from: number, to: number): number {
  const objects = o.enabled;
  const scoreColours = (o.prioScore & t.SCORE_BIT) !== 0 && (objects === t.PF_BIT || !(o.prioScore & t.PRIORITY_BIT));
  let latch = o.collision;
  for (let x = from; x < to; x++) {
    let e = objects & t.PF_BIT && (o.pf & t.PLAYFIELD_MASKS[o.pfOff + x]) !== 0 ? t.PF_BIT : 0;
    if (objects & t.BL_BIT && t.BALL_MASKS[o.blOff + x] !== 0) e |= t.BL_BIT;
    if ((o.curGrp1 & t.PLAYER_MASKS[o.p1Off + x]) !== 0) e |= t.P1_BIT;
    if (objects & t.M1_BIT && t.MISSILE_MASKS[o.m1Off + x] !== 0) e |= t.M1_BIT;
    if ((o.curGrp0 & t.PLAYER_MASKS[o.p0Off + x]) !== 0) e |= t.P0_BIT;
    if (objects & t.M0_BIT && t.MISSILE_MASKS[o.m0Off + x] !== 0) e |= t.M0_BIT;
    latch |= t.COLLISIONS[e];
    let colour: number;
    if (e > t.PF_BIT) colour = o.colours[t.PRIORITY[(x < 80 ? 0 : 256) | o.prioScore | e]];
    else if (e === t.PF_BIT) colour = scoreColours ? o.colours[x < 80 ? 2 : 3] : o.colours[1];
    else colour = o.colours[0];
    buf[base + x] = colour;
  }
  return latch;
}

describe('TIA compositor', () => {
  it('draws and latches exactly like the per-pixel priority encoder, for random objects and spans', () => {
    const rand = lcg(2600);
    const compositor = new Compositor();
    const buf = new Uint8Array(160 * 4);
    const want = new Uint8Array(160 * 4);
    for (let round = 0; round < 20000; round++) {
      const o = randomObjects(rand);
      // Some latches already set: set ones must stay and stop nothing else from latching.
      o.collision = rand(2) === 0 ? 0 : rand(1 << 16);
      const from = rand(160);
      const count = 1 + rand(160 - from);
      const row = 1 + rand(2);
      const start = row * 160 + from;
      const render = rand(4) !== 0;
      const latch = referenceSpan(o, want, row * 160, from, from + count);
      compositor.span(o, buf, new Uint32Array(buf.buffer), start, from, count, render);
      const state = `round ${round}: span ${from}+${count}, objects ${o.enabled.toString(2)}, prio ${o.prioScore}`;
      expect(o.collision, state).toBe(latch);
      if (render)
        expect([...buf.subarray(start, start + count)], state).toEqual([...want.subarray(start, start + count)]);
    }
  });
});

describe('TIA graphics writes', () => {
  it('changesGraphics says exactly when a graphics write changes what drawing reads; storeGraphics suffices when not', () => {
    const rand = lcg(6502);
    const regs = [0x0b, 0x0c, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x25, 0x26, 0x27, 0x28, 0x29];
    const drawn = (o: TiaObjects) => [o.curGrp0, o.curGrp1, o.enabled, o.m0Off, o.m1Off].join();
    let changed = 0;
    for (let round = 0; round < 20000; round++) {
      const o = randomObjects(rand);
      // Graphics values that repeat, so unchanged writes are common too.
      const pick = () => [0, 0x02, 0x01, 0x08, 0xff, 0x80][rand(6)];
      for (let k = 0; k < 3; k++) o.writeGraphics(regs[2 + rand(10)], pick());
      const w = new StateWriter();
      o.save(w);
      const before = drawn(o);
      const reg = regs[rand(regs.length)];
      const value = rand(2) ? pick() : rand(256);
      const predicted = o.changesGraphics(reg, value);
      if (reg <= 0x0c) o.setReflect(reg - 0x0b, (value & 0x08) !== 0);
      else o.writeGraphics(reg, value);
      expect(predicted, `round ${round}: reg ${reg.toString(16)} value ${value}`).toBe(drawn(o) !== before);
      if (predicted) changed++;
      const saved = w.finish();
      o.load(new StateReader(saved));
      expect(drawn(o)).toBe(before);
      if (!predicted && reg >= 0x1b) {
        // A quiet write may skip recomputing what is drawn: registers alone give the same state.
        const full = new StateWriter();
        o.writeGraphics(reg, value);
        o.save(full);
        o.load(new StateReader(saved));
        const quiet = new StateWriter();
        o.storeGraphics(reg, value);
        o.save(quiet);
        expect(Buffer.from(quiet.finish()).equals(Buffer.from(full.finish())), `round ${round}`).toBe(true);
      }
    }
    expect(changed).toBeGreaterThan(2000);
    expect(changed).toBeLessThan(18000);
  });
});
