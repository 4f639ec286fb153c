/**
 * TIA-only benchmark: records every TIA access (cycle, address, value/data bus) a game makes over some
 * frames, then replays them into a fresh TIA through a scripted CpuControl, so the CPU's cost is left
 * out. Prints the best µs per frame over several rounds, with and without pixel composition.
 *
 *   npx tsx test/emulator/tia/bench-tia.ts [game ...]        (ROMs from ALE_ROMS_DIR or ../shared/roms)
 */
import { readFileSync } from 'node:fs';
import { Atari2600, type ConsoleOptions } from '../../../electron/emulator/atari-2600';
import type { CpuControl } from '../../../electron/emulator/bus';
import { Tia } from '../../../electron/emulator/tia/tia';
import { romPath } from '../../support/roms';

const OPTIONS: Record<string, ConsoleOptions> = { qbert: { yStart: 40 }, ms_pacman: { hmoveBlanks: false } };
const FRAMES = 100;

function record(game: string): Int32Array {
  const path = romPath(game);
  if (!path) throw new Error(`ROM for ${game} not found (set ALE_ROMS_DIR)`);
  const c = new Atari2600(new Uint8Array(readFileSync(path)), OPTIONS[game]);
  for (let i = 0; i < 300; i++) c.runFrame();
  const tia = c.tia;
  const write = tia.write.bind(tia);
  const read = tia.read.bind(tia);
  const log: number[] = [];
  tia.write = (a, v) => {
    log.push(c.cpu.cycles, 1, a, v);
    write(a, v);
  };
  tia.read = (a, bus) => {
    log.push(c.cpu.cycles, 0, a, bus);
    return read(a, bus);
  };
  for (let i = 0; i < FRAMES; i++) c.runFrame();
  return Int32Array.from(log);
}

function replayer(game: string, log: Int32Array): { tia: Tia; rewind: () => void } {
  let pos = 0;
  let stopped = false;
  const cpu: CpuControl = {
    cycles: 0,
    execute() {
      stopped = false;
      let n = 0;
      while (!stopped && pos < log.length) {
        cpu.cycles = log[pos];
        if (log[pos + 1]) tia.write(log[pos + 2], log[pos + 3]);
        else tia.read(log[pos + 2], log[pos + 3]);
        pos += 4;
        n++;
      }
      return n;
    },
    stop() {
      stopped = true;
    },
  };
  const o = OPTIONS[game] ?? {};
  const tia = new Tia(cpu, { yStart: o.yStart ?? 34, height: 210, hmoveBlanks: o.hmoveBlanks ?? true });
  return { tia, rewind: () => (pos = 0) };
}

const games = process.argv.slice(2);
for (const game of games.length ? games : ['space_invaders', 'breakout', 'seaquest', 'ms_pacman', 'enduro']) {
  const log = record(game);
  const { tia, rewind } = replayer(game, log);
  const best = { render: Infinity, skip: Infinity };
  for (let round = 0; round < 20; round++) {
    for (const render of [true, false]) {
      tia.renderPixels = render;
      rewind();
      const t0 = performance.now();
      for (let i = 0; i < FRAMES; i++) tia.runFrame();
      const us = ((performance.now() - t0) * 1000) / FRAMES;
      const key = render ? 'render' : 'skip';
      best[key] = Math.min(best[key], us);
    }
  }
  const accesses = log.length / 4 / FRAMES;
  console.log(
    `${game.padEnd(16)} render ${best.render.toFixed(1)} µs/frame  no-render ${best.skip.toFixed(1)} µs/frame  (${accesses.toFixed(0)} TIA accesses/frame)`,
  );
}
