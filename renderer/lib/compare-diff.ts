/**
 * Config diff for the compare view: run configs are flattened to dotted keys ("schedule.epsilonEnd") and
 * only the keys whose values differ between the compared runs are kept. A key missing from some runs
 * counts as a difference (shown as "—").
 */

export type ConfigValue = string | number | boolean | null;

/** Flattens nested objects into dotted keys; arrays are kept whole (compared as JSON). */
export function flattenConfig(config: Record<string, unknown>, prefix = ''): Map<string, ConfigValue> {
  const out = new Map<string, ConfigValue>();
  for (const [key, value] of Object.entries(config)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of flattenConfig(value as Record<string, unknown>, path)) out.set(k, v);
    } else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out.set(path, value as ConfigValue);
    } else if (value !== undefined) {
      out.set(path, JSON.stringify(value));
    }
  }
  return out;
}

export interface DiffRow {
  readonly key: string;
  /** One value per run, in the order the configs were given; undefined where the run lacks the key. */
  readonly values: readonly (ConfigValue | undefined)[];
}

/** Settings that differ between the configs, sorted by key. With fewer than two configs nothing differs. */
export function configDiff(configs: readonly Record<string, unknown>[]): DiffRow[] {
  if (configs.length < 2) return [];
  const flat = configs.map((c) => flattenConfig(c));
  const keys = new Set(flat.flatMap((f) => [...f.keys()]));
  const rows: DiffRow[] = [];
  for (const key of [...keys].sort()) {
    const values = flat.map((f) => (f.has(key) ? f.get(key) : undefined));
    const first = JSON.stringify(values[0] ?? '\u0000missing');
    if (values.some((v) => JSON.stringify(v ?? '\u0000missing') !== first)) rows.push({ key, values });
  }
  return rows;
}

/** Human display of a config value: short numbers, quoted nothing, "—" for missing. */
export function formatConfigValue(value: ConfigValue | undefined): string {
  if (value === undefined) return '—';
  if (value === null) return 'null';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return value.toLocaleString('en-US');
    const abs = Math.abs(value);
    return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(2) : String(Number(value.toPrecision(4)));
  }
  return String(value);
}

/** Numeric settings across runs (for the hyperparameter picture): key -> value per run (NaN where absent). */
export function numericSettings(configs: readonly Record<string, unknown>[]): Map<string, number[]> {
  const flat = configs.map((c) => flattenConfig(c));
  const keys = new Set(flat.flatMap((f) => [...f.entries()].filter(([, v]) => typeof v === 'number').map(([k]) => k)));
  const out = new Map<string, number[]>();
  for (const key of [...keys].sort()) {
    out.set(
      key,
      flat.map((f) => {
        const v = f.get(key);
        return typeof v === 'number' ? v : typeof v === 'boolean' ? Number(v) : NaN;
      }),
    );
  }
  return out;
}
