/**
 * `bench-emulator`: emulator speed with a seeded random policy and a grayscale observation every step,
 * single thread. With --compare-6502ts it also runs the npm package 6502.ts on the same ROM in the
 * same process, interleaving rounds of both so that load from other processes hits them alike, and
 * reports both rates and their ratio (median over rounds). Last line: {"fps": ..., ...}.
 */
import { readFileSync } from 'node:fs';
import { Rng } from '../../../shared/rng';
import { AleEnv } from '../../ale/env';
import { UsageError } from '../args';
import { emitJson, type CliCommand } from '../command';
import { cpuSeconds, Reference6502ts, type TimedRun } from './bench-6502ts';

export const benchEmulatorCommand: CliCommand = {
  name: 'bench-emulator',
  summary: 'Measure emulator frames/s (random policy, grayscale every step); optionally against 6502.ts',
  options: {
    rom: { type: 'string', description: 'ROM file', required: true, placeholder: 'path' },
    game: { type: 'string', description: 'Expected game id (checked against the ROM)', placeholder: 'id' },
    frames: { type: 'number', description: 'Emulated frames to time', default: 20000 },
    frameskip: { type: 'number', description: 'Frames per step', default: 4 },
    seed: { type: 'number', description: 'Policy and env seed', default: 1 },
    // Long enough for V8 to finish optimising the compiled blocks (about 2 s): with 2,000 frames its
    // background compiler was still busy in the timed rounds, costing about 8% of the CPU time there.
    warmup: { type: 'number', description: 'Untimed frames first (JIT warm-up)', default: 20000 },
    'compare-6502ts': { type: 'boolean', description: 'Also time 6502.ts on the same ROM', default: false },
    'reference-frames': { type: 'number', description: 'Frames for the 6502.ts runs (all rounds)', default: 1200 },
    'reference-warmup': { type: 'number', description: 'Untimed 6502.ts frames first (about 2 s)', default: 600 },
    rounds: { type: 'number', description: 'Interleaved rounds with --compare-6502ts', default: 3 },
    compile: {
      type: 'boolean',
      description: 'Run ROM code compiled into JavaScript blocks (--compile=false: interpreter only)',
      default: true,
    },
    'previous-screen': {
      type: 'boolean',
      description: 'Also draw the second-to-last frame of each step (max-pooling)',
      default: true,
    },
  },
  async run(options, io) {
    const romFile = String(options.rom);
    const rom = new Uint8Array(readFileSync(romFile));
    const frames = Number(options.frames);
    if (!(frames >= 1)) throw new UsageError('--frames must be at least 1');
    const seed = Number(options.seed);
    const env = new AleEnv(rom, {
      frameskip: Number(options.frameskip),
      repeatActionProbability: 0.25,
      fullActionSpace: false,
      maxEpisodeFrames: 108000,
      seed,
      previousScreen: options['previous-screen'] !== false,
      compileCode: options.compile !== false,
      fileName: romFile,
      onWarning: (m) => io.err(`warning: ${m}\n`),
    });
    if (options.game !== undefined && options.game !== env.gameId) {
      throw new UsageError(`--game ${String(options.game)} does not match the ROM, which is ${env.gameId}`);
    }
    const policy = new Rng(seed);
    const gray = new Uint8Array(210 * 160);
    let steps = 0;
    let episodes = 0;
    env.reset();
    const play = (n: number): TimedRun => {
      let done = 0;
      const start = performance.now();
      const cpuStart = cpuSeconds();
      while (done < n) {
        const r = env.step(policy.int(env.actionSet.length));
        env.screenGrayscale(gray);
        done += Math.max(1, r.frames);
        steps++;
        if (r.terminated || r.truncated) {
          env.reset();
          episodes++;
        }
      }
      return { frames: done, seconds: (performance.now() - start) / 1000, cpuSeconds: cpuSeconds() - cpuStart };
    };
    const compare = options['compare-6502ts'] === true;
    const rounds = compare ? Math.max(1, Math.floor(Number(options.rounds))) : 1;
    const reference = compare ? await Reference6502ts.create(rom, seed) : null;
    play(Number(options.warmup));
    reference?.run(Number(options['reference-warmup']));
    steps = episodes = 0;
    const ours: TimedRun[] = [];
    const theirs: TimedRun[] = [];
    for (let r = 0; r < rounds; r++) {
      ours.push(play(Math.ceil(frames / rounds)));
      if (reference) theirs.push(reference.run(Math.ceil(Number(options['reference-frames']) / rounds)));
    }
    const total = sum(ours);
    const result: Record<string, unknown> = {
      fps: Math.round(total.frames / total.seconds),
      cpuFps: Math.round(total.frames / total.cpuSeconds),
      game: env.gameId,
      frames: total.frames,
      steps,
      episodes,
      seconds: Number(total.seconds.toFixed(3)),
      frameskip: Number(options.frameskip),
      previousScreen: options['previous-screen'] !== false,
      compile: options.compile !== false,
      warmup: Number(options.warmup),
    };
    if (reference) {
      const ref = sum(theirs);
      result.reference = {
        name: '6502.ts',
        fps: Math.round(ref.frames / ref.seconds),
        cpuFps: Math.round(ref.frames / ref.cpuSeconds),
        frames: ref.frames,
        warmup: Number(options['reference-warmup']),
      };
      // Wall-clock rates swing with other load on shared cores; CPU-time rates are the fairer ratio.
      result.speedup = median(ours.map((o, i) => o.frames / o.seconds / (theirs[i].frames / theirs[i].seconds)));
      result.cpuSpeedup = median(
        ours.map((o, i) => o.frames / o.cpuSeconds / (theirs[i].frames / theirs[i].cpuSeconds)),
      );
      result.rounds = rounds;
    }
    emitJson(io, result);
    return 0;
  },
};

function sum(runs: readonly TimedRun[]): TimedRun {
  return runs.reduce((a, b) => ({
    frames: a.frames + b.frames,
    seconds: a.seconds + b.seconds,
    cpuSeconds: a.cpuSeconds + b.cpuSeconds,
  }));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return Number(v.toFixed(1));
}
