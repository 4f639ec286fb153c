import type { OptionSpecs, ParsedOptions } from './args';

/** Where a command writes: JSON lines to `out` (stdout), progress and logs to `err` (stderr). */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (text: string) => void;
  /** True when stderr is a terminal (progress bars redraw in place). */
  readonly isTty: boolean;
}

export interface CliCommand {
  readonly name: string;
  readonly summary: string;
  readonly options: OptionSpecs;
  /** Returns the process exit code. */
  run(options: ParsedOptions, io: CliIo): Promise<number>;
}

/** Prints one machine-readable JSON line. */
export function emitJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value));
}
