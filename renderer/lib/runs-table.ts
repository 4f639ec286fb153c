/** Sorting and filtering for the runs table (pure, so it is unit-tested without a DOM). */
import type { RunSummary } from '../../shared/ipc/contract';

export const SORT_KEYS = ['name', 'gameId', 'preset', 'status', 'frames', 'lastEval', 'bestEval', 'createdAt'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 1 | -1;

export interface RunFilter {
  /** Free text matched against name, id, game and recipe (case-insensitive, all words must match). */
  readonly text: string;
  readonly gameId: string;
  readonly status: string;
  /** Ids kept by the hyperparameter brush, or null when nothing is brushed. */
  readonly only: readonly string[] | null;
}

export function filterRuns(runs: readonly RunSummary[], filter: RunFilter): RunSummary[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return runs.filter((r) => {
    if (filter.gameId && r.gameId !== filter.gameId) return false;
    if (filter.status && (r.damaged ? 'damaged' : r.status) !== filter.status) return false;
    if (filter.only && !filter.only.includes(r.id)) return false;
    const hay = `${r.name} ${r.id} ${r.gameId} ${r.preset} ${r.status}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Sorts a copy; missing values (null scores, damaged rows) always sink to the bottom. */
export function sortRuns(runs: readonly RunSummary[], key: SortKey, dir: SortDir): RunSummary[] {
  return [...runs].sort((a, b) => {
    const va = a[key];
    const vb = b[key];
    const missingA = va === null || va === undefined || va === '';
    const missingB = vb === null || vb === undefined || vb === '';
    if (missingA || missingB) return missingA === missingB ? a.id.localeCompare(b.id) : missingA ? 1 : -1;
    const c =
      typeof va === 'number' && typeof vb === 'number'
        ? va - vb
        : String(va).localeCompare(String(vb), undefined, { numeric: true, sensitivity: 'base' });
    return c === 0 ? a.id.localeCompare(b.id) : c * dir;
  });
}

export function formatScore(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function formatFramesShort(n: number): string {
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

export function formatCreated(iso: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (v: number): string => String(v).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whether a run can be continued with trainer:resume-run: not finished, not damaged, not the one training. */
export function canResume(run: RunSummary, activeRunId: string | null = null): boolean {
  if (run.damaged || run.id === activeRunId) return false;
  return !['finished', 'starting', 'stopping'].includes(run.status);
}

/** Distinct values, sorted. */
export function unique(values: readonly string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) === i).sort();
}
