/** A small, strict option parser: unknown options and bad values are usage errors (exit code 2). */
export interface OptionSpec {
  readonly type: 'string' | 'number' | 'boolean';
  readonly description: string;
  readonly required?: boolean;
  readonly default?: string | number | boolean;
  /** Shown in usage as --name <placeholder>. */
  readonly placeholder?: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;
export type ParsedOptions = Record<string, string | number | boolean | undefined>;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseOptions(argv: readonly string[], specs: OptionSpecs): ParsedOptions {
  const out: ParsedOptions = {};
  for (const [key, spec] of Object.entries(specs)) if (spec.default !== undefined) out[key] = spec.default;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('--')) throw new UsageError(`unexpected argument '${token}'`);
    const eq = token.indexOf('=');
    const key = token.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[key];
    if (!spec) throw new UsageError(`unknown option '--${key}'`);
    if (spec.type === 'boolean' && eq === -1) {
      out[key] = true;
      continue;
    }
    const raw = eq === -1 ? argv[++i] : token.slice(eq + 1);
    if (raw === undefined) throw new UsageError(`option '--${key}' needs a value`);
    out[key] = convert(key, spec, raw);
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.required && out[key] === undefined) throw new UsageError(`missing required option '--${key}'`);
  }
  return out;
}

function convert(key: string, spec: OptionSpec, raw: string): string | number | boolean {
  if (spec.type === 'string') return raw;
  if (spec.type === 'boolean') {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw new UsageError(`option '--${key}' takes true or false, not '${raw}'`);
  }
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`option '--${key}' takes a number, not '${raw}'`);
  return n;
}

export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries(specs).map(([key, spec]) => {
    const left = spec.type === 'boolean' ? `--${key}` : `--${key} <${spec.placeholder ?? spec.type}>`;
    const extra = spec.required
      ? ' (required)'
      : spec.default !== undefined
        ? ` (default: ${String(spec.default)})`
        : '';
    return `  ${left.padEnd(28)} ${spec.description}${extra}`;
  });
  return rows.join('\n');
}
