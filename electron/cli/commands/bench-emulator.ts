/**
 * `bench-emulator`: emulator speed with a seeded random policy and a grayscale observation every step,
 * single thread. With --compare-6502ts it also runs the npm package 6502.ts on the same ROM in the
 * same process and reports both rates and their ratio. Last line: {"fps": ..., ...}.
 */
import { readFileSync } from 'node:fs';
import { Rng } from '../../../shared/rng';
import { AleEnv } from '../../ale/env';
import { UsageError } from '../args';
import { emitJson, type CliCommand } from '../command';
import { bench6502ts, cpuSeconds } from './bench-6502ts';

export const benchEmulatorCommand: CliCommand = {
  name: 'bench-emulator',
  summary: 'Measure emulator frames/s (random policy, grayscale every step); optionally against 6502.ts',
  options: {
    rom: { type: 'string', description: 'ROM file', required: true, placeholder: 'path' },
    game: { type: 'string', description: 'Expected game id (checked against the ROM)', placeholder: 'id' },
    frames: { type: 'number', description: 'Emulated frames to time', default: 20000 },
    frameskip: { type: 'number', description: 'Frames per step', default: 4 },
    seed: { type: 'number', description: 'Policy and env seed', default: 1 },
    warmup: { type: 'number', description: 'Untimed frames first (JIT warm-up)', default: 2000 },
    'compare-6502ts': { type: 'boolean', description: 'Also time 6502.ts on the same ROM', default: false },
    'reference-frames': { type: 'number', description: 'Frames for the 6502.ts run', default: 1000 },
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
      fileName: romFile,
      onWarning: (m) => io.err(`warning: ${m}\n`),
    });
    if (options.game !== undefined && options.game !== env.gameId) {
      throw new UsageError(`--game ${String(options.game)} does not match the ROM, which is ${env.gameId}`);
    }
    const policy = new Rng(seed);
    const gray = new Uint8Array(210 * 160);
    const play = (n: number): { frames: number; steps: number; episodes: number } => {
      let done = 0;
      let steps = 0;
      let episodes = 0;
      env.reset();
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
      return { frames: done, steps, episodes };
    };
    play(Number(options.warmup));
    const start = performance.now();
    const cpuStart = cpuSeconds();
    const run = play(frames);
    const seconds = (performance.now() - start) / 1000;
    const cpu = cpuSeconds() - cpuStart;
    const fps = run.frames / seconds;
    const cpuFps = run.frames / cpu;
    const result: Record<string, unknown> = {
      fps: Math.round(fps),
      cpuFps: Math.round(cpuFps),
      game: env.gameId,
      frames: run.frames,
      steps: run.steps,
      episodes: run.episodes,
      seconds: Number(seconds.toFixed(3)),
      frameskip: Number(options.frameskip),
    };
    if (options['compare-6502ts']) {
      const ref = await bench6502ts(rom, Number(options['reference-frames']), seed);
      result.reference = {
        name: '6502.ts',
        fps: Math.round(ref.fps),
        cpuFps: Math.round(ref.cpuFps),
        frames: ref.frames,
      };
      // Wall-clock rates swing with other load on shared cores; CPU-time rates are the fair ratio.
      result.speedup = Number((fps / ref.fps).toFixed(1));
      result.cpuSpeedup = Number((cpuFps / ref.cpuFps).toFixed(1));
    }
    emitJson(io, result);
    return 0;
  },
};
