/**
 * Replays an ALE reference trace (../shared/ale-reference, format in its README) through our env and
 * reports the first line that differs, with RAM and screen diffs. Shared by the trace test and tools.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { AleEnv } from '../../electron/ale/env';

export interface TraceHeader {
  kind: string;
  game: string;
  steps: number;
  frameskip: number;
  minimalActions: number[];
  initialLives: number;
}

export interface TraceLine {
  step: number;
  episode: number;
  action?: number;
  reward?: number;
  lives: number;
  terminal?: boolean;
  reset?: boolean;
  ram: string;
  screen: string;
}

export interface Trace {
  header: TraceHeader;
  lines: TraceLine[];
  /** Whole screens by step (from *.screens.bin.gz), when available. */
  screens: Map<number, Uint8Array>;
}

export interface ReplayResult {
  /** Lines (observations) that matched before the first mismatch. */
  matched: number;
  total: number;
  mismatch?: string;
}

const SCREEN_BYTES = 210 * 160;

export function loadTrace(path: string): Trace {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  const rows = text.split('\n').filter((l) => l.trim() !== '');
  const header = JSON.parse(rows[0]) as TraceHeader;
  const lines = rows.slice(1).map((r) => JSON.parse(r) as TraceLine);
  const screens = new Map<number, Uint8Array>();
  try {
    const bin = gunzipSync(readFileSync(path.replace(/\.jsonl\.gz$/, '.screens.bin.gz')));
    for (let off = 0; off + 4 + SCREEN_BYTES <= bin.length; off += 4 + SCREEN_BYTES) {
      const step = bin.readInt32LE(off);
      if (!screens.has(step)) screens.set(step, new Uint8Array(bin.subarray(off + 4, off + 4 + SCREEN_BYTES)));
    }
  } catch {
    // No screens file: mismatches are reported without a pixel diff.
  }
  return { header, lines, screens };
}

export function sha1Hex(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export function ramHex(ram: Uint8Array): string {
  return Buffer.from(ram).toString('hex');
}

function ramDiff(expected: string, actual: string): string {
  const out: string[] = [];
  for (let i = 0; i < 128; i++) {
    const e = expected.slice(i * 2, i * 2 + 2);
    const a = actual.slice(i * 2, i * 2 + 2);
    if (e !== a) out.push(`$${(0x80 + i).toString(16)}: expected ${e} got ${a}`);
  }
  return out.slice(0, 12).join(', ') + (out.length > 12 ? ` (+${out.length - 12} more)` : '');
}

function screenDiff(expected: Uint8Array | undefined, actual: Uint8Array): string {
  if (!expected) return 'no reference screen for this step';
  let count = 0;
  const rows = new Set<number>();
  let first = '';
  for (let i = 0; i < SCREEN_BYTES; i++) {
    if (expected[i] !== actual[i]) {
      count++;
      rows.add(Math.floor(i / 160));
      if (!first)
        first = `first at row ${Math.floor(i / 160)} col ${i % 160}: expected ${expected[i]} got ${actual[i]}`;
    }
  }
  const rowList = [...rows].slice(0, 20).join(',');
  return `${count} pixels differ in ${rows.size} rows [${rowList}${rows.size > 20 ? ',…' : ''}]; ${first}`;
}

export function replayTrace(trace: Trace, rom: Uint8Array, fileName: string): ReplayResult {
  const { header, lines } = trace;
  const env = new AleEnv(rom, {
    frameskip: header.frameskip,
    repeatActionProbability: 0,
    fullActionSpace: false,
    maxEpisodeFrames: 0,
    seed: 0,
    fileName,
  });
  const total = lines.length;
  if (JSON.stringify(env.actionSet) !== JSON.stringify(header.minimalActions)) {
    return { matched: 0, total, mismatch: `minimal actions ${env.actionSet} != ${header.minimalActions}` };
  }
  let recent: string[] = [];
  for (let i = 0; i < total; i++) {
    const line = lines[i];
    let got: { reward?: number; terminal?: boolean; lives: number; ram: string; screen: Uint8Array };
    if (line.step === -1) got = { lives: env.reset().info.lives, ram: ramHex(env.ram()), screen: env.screen() };
    else if (line.reset) got = { lives: env.reset().info.lives, ram: ramHex(env.ram()), screen: env.screen() };
    else {
      const r = env.step(line.action!);
      got = { reward: r.reward, terminal: r.terminated, lives: r.info.lives, ram: ramHex(env.ram()), screen: r.screen };
    }
    const problems: string[] = [];
    if (line.reward !== undefined && got.reward !== line.reward)
      problems.push(`reward ${got.reward} != ${line.reward}`);
    if (line.terminal !== undefined && got.terminal !== line.terminal) {
      problems.push(`terminal ${got.terminal} != ${line.terminal}`);
    }
    if (got.lives !== line.lives) problems.push(`lives ${got.lives} != ${line.lives}`);
    if (got.ram !== line.ram) problems.push(`ram differs: ${ramDiff(line.ram, got.ram)}`);
    const sha = sha1Hex(got.screen);
    if (sha !== line.screen) {
      problems.push(
        `screen differs: ${line.reset ? 'reset observation' : screenDiff(trace.screens.get(line.step), got.screen)}`,
      );
    }
    const label = `line ${i + 2} (step ${line.step}, episode ${line.episode}${line.reset ? ', reset' : ''}${
      line.action !== undefined ? `, action ${line.action}=${header.minimalActions[line.action]}` : ''
    })`;
    if (problems.length > 0) {
      return {
        matched: i,
        total,
        mismatch: `${header.game}: first mismatch at ${label}: ${problems.join('; ')}\n  preceding: ${recent.join(' | ')}`,
      };
    }
    recent = [...recent.slice(-4), `step ${line.step} a=${line.action ?? '-'} r=${line.reward ?? '-'}`];
  }
  return { matched: total, total };
}
