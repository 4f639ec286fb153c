/**
 * `replay`: plays a list of actions through the ALE env and prints JSON lines in the ALE reference
 * trace format (../shared/ale-reference/README.md): header, initial observation, one line per step, and
 * a reset line after each terminal step (reset_game, as the traces do).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { AleEnv } from '../../ale/env';
import { UsageError } from '../args';
import { emitJson, type CliCommand } from '../command';

export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Replay actions through the ALE env, printing trace-format JSON lines',
  options: {
    rom: { type: 'string', description: 'ROM file', required: true, placeholder: 'path' },
    game: { type: 'string', description: 'Expected game id (checked against the ROM)', placeholder: 'id' },
    frameskip: { type: 'number', description: 'Frames per action (ALE frame_skip)', default: 1 },
    actions: {
      type: 'string',
      description: 'Action indices (minimal set): text/JSON list, or a trace .jsonl(.gz) to take them from',
      placeholder: 'file',
    },
    'policy-seed': { type: 'number', description: "Generate actions with the traces' LCG policy instead" },
    steps: { type: 'number', description: 'Steps to generate with --policy-seed', default: 2000 },
    'repeat-action-probability': { type: 'number', description: 'Sticky-action probability', default: 0 },
    seed: { type: 'number', description: 'Env seed (sticky-action RNG)', default: 0 },
  },
  async run(options, io) {
    const romFile = String(options.rom);
    const rom = new Uint8Array(readFileSync(romFile));
    const frameskip = Number(options.frameskip);
    const env = new AleEnv(rom, {
      frameskip,
      repeatActionProbability: Number(options['repeat-action-probability']),
      fullActionSpace: false,
      maxEpisodeFrames: 0,
      seed: Number(options.seed),
      fileName: romFile,
      onWarning: (m) => io.err(`warning: ${m}\n`),
    });
    if (options.game !== undefined && options.game !== env.gameId) {
      throw new UsageError(`--game ${String(options.game)} does not match the ROM, which is ${env.gameId}`);
    }
    const { actions, policySeed } = loadActions(options, env.actionSet.length);
    const bad = actions.findIndex((a) => !Number.isInteger(a) || a < 0 || a >= env.actionSet.length);
    if (bad >= 0) {
      throw new UsageError(`action #${bad} (${actions[bad]}) is not an index into the ${env.actionSet.length} actions`);
    }
    emitJson(io, {
      kind: 'ale-reference-trace',
      game: env.gameId,
      steps: actions.length,
      policySeed,
      frameskip,
      repeatActionProbability: Number(options['repeat-action-probability']),
      minimalActions: env.actionSet,
      screen: { height: 210, width: 160, format: 'palette-index bytes, row-major', hash: 'sha1' },
      initialLives: env.lives(),
    });
    let episode = 0;
    const first = env.reset();
    emitJson(io, { step: -1, episode, lives: first.info.lives, ram: hex(env.ram()), screen: sha1(first.screen) });
    actions.forEach((action, step) => {
      const r = env.step(action);
      const terminal = r.terminated || r.truncated;
      emitJson(io, {
        step,
        episode,
        action,
        reward: r.reward,
        lives: r.info.lives,
        terminal,
        ram: hex(env.ram()),
        screen: sha1(r.screen),
      });
      if (terminal) {
        episode++;
        const reset = env.reset();
        emitJson(io, {
          step,
          episode,
          reset: true,
          lives: reset.info.lives,
          ram: hex(env.ram()),
          screen: sha1(reset.screen),
        });
      }
    });
    return 0;
  },
};

function loadActions(
  options: Record<string, unknown>,
  nActions: number,
): { actions: number[]; policySeed: number | null } {
  if (options['policy-seed'] !== undefined) {
    const seed = Number(options['policy-seed']);
    return { actions: lcgPolicy(seed, Number(options.steps), nActions), policySeed: seed };
  }
  if (options.actions === undefined) throw new UsageError('give --actions FILE or --policy-seed N');
  const file = String(options.actions);
  let bytes = readFileSync(file);
  if (file.endsWith('.gz')) bytes = gunzipSync(bytes);
  const text = bytes.toString('utf8').trim();
  if (text.startsWith('[')) return { actions: JSON.parse(text) as number[], policySeed: null };
  if (text.startsWith('{')) {
    // A trace (or replay output): take the action of every step line.
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const rows = lines.map((l) => JSON.parse(l) as { kind?: string; action?: number; policySeed?: number });
    const header = rows.find((r) => r.kind === 'ale-reference-trace');
    const actions = rows.filter((r) => r.action !== undefined).map((r) => r.action as number);
    return { actions, policySeed: header?.policySeed ?? null };
  }
  return { actions: text.split(/[\s,]+/).map(Number), policySeed: null };
}

/** The traces' policy: 64-bit LCG, rand() = s >> 33; a new action (and hold 1..8) when the hold runs out. */
export function lcgPolicy(seed: number, steps: number, nActions: number): number[] {
  const MASK = (1n << 64n) - 1n;
  let s = BigInt.asUintN(64, BigInt(seed));
  const rand = (): number => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & MASK;
    return Number((s >> 33n) & 0xffffffffn);
  };
  const out: number[] = [];
  let hold = 0;
  let action = 0;
  for (let i = 0; i < steps; i++) {
    if (hold === 0) {
      action = rand() % nActions;
      hold = 1 + (rand() % 8);
    }
    out.push(action);
    hold--;
  }
  return out;
}

function hex(ram: Uint8Array): string {
  return Buffer.from(ram).toString('hex');
}

function sha1(screen: Uint8Array): string {
  return createHash('sha1').update(screen).digest('hex');
}
