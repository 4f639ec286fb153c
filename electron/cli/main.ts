import { formatOptions, parseOptions, UsageError } from './args';
import type { CliCommand, CliIo } from './command';

/** Dispatches argv to a command. Exit codes: 0 ok, 1 runtime error, 2 usage error. */
export async function runCli(argv: readonly string[], commands: readonly CliCommand[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.out(target ? commandUsage(target) : overview(commands));
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`dqn-studio: unknown command '${name}'\n\n${overview(commands)}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandUsage(command));
    return 0;
  }
  let options;
  try {
    options = parseOptions(rest, command.options);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`dqn-studio ${name}: ${error.message}\n\n${commandUsage(command)}\n`);
      return 2;
    }
    throw error;
  }
  try {
    return await command.run(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`dqn-studio ${name}: ${error.message}\n\n${commandUsage(command)}\n`);
      return 2;
    }
    io.err(`dqn-studio ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

export function overview(commands: readonly CliCommand[]): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(16)} ${c.summary}`).join('\n');
  return `Usage: dqn-studio <command> [options]\n\nCommands:\n${rows}\n\nRun 'dqn-studio <command> --help' for a command's options.`;
}

export function commandUsage(command: CliCommand): string {
  const opts = Object.keys(command.options).length ? `\n\nOptions:\n${formatOptions(command.options)}` : '';
  return `Usage: dqn-studio ${command.name} [options]\n\n${command.summary}${opts}`;
}
