/**
 * The CLI's command registry. Each command lives in its own module under electron/cli/commands/;
 * add it here (one import, one list entry).
 */
import type { CliCommand } from './command';
import { benchEmulatorCommand } from './commands/bench-emulator';
import { benchTrainCommand } from './commands/bench-train';
import { evalCommand } from './commands/eval';
import { replayCommand } from './commands/replay';
import { serveCommand } from './commands/serve';
import { trainCommand } from './commands/train';
import { versionCommand } from './commands/version';

export const COMMANDS: readonly CliCommand[] = [
  versionCommand,
  serveCommand,
  replayCommand,
  trainCommand,
  evalCommand,
  benchEmulatorCommand,
  benchTrainCommand,
];
