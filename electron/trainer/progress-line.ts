/** The `train` progress line: frames / budget, bar, frames per second, ETA, last return. */
import type { TrainerStatus } from '../../shared/ipc/contract';

export function formatProgress(s: TrainerStatus, lastReturn: number | null, lastEval: number | null): string {
  const budget = Math.max(1, s.frameBudget);
  const frac = Math.min(1, s.frames / budget);
  const width = 24;
  const filled = Math.round(frac * width);
  const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
  const parts = [
    `[${bar}] ${(frac * 100).toFixed(1).padStart(5)}%`,
    `${compact(s.frames)}/${compact(budget)} frames`,
    `${Math.round(s.fps)} f/s`,
    `ETA ${s.eta === null ? '--' : duration(s.eta)}`,
    `ep ${s.episodes}`,
    `last return ${lastReturn ?? '--'}`,
  ];
  if (lastEval !== null) parts.push(`eval ${lastEval.toFixed(1)}`);
  if (s.state !== 'running') parts.push(s.state);
  return parts.join('  ');
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(0)}k`;
  return String(n);
}

export function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(sec).padStart(2, '0')}s`;
}
