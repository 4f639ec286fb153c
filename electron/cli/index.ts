#!/usr/bin/env node
import { COMMANDS } from './commands';
import { runCli } from './main';

const io = {
  out: (line: string) => process.stdout.write(line.endsWith('\n') ? line : `${line}\n`),
  err: (text: string) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
};

const code = await runCli(process.argv.slice(2), COMMANDS, io);
// Let pending stdout drain before exiting (piped output is asynchronous).
process.stdout.write('', () => process.exit(code));
