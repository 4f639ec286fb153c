import type { CliCommand } from '../command';
import { emitJson } from '../command';
import { UsageError } from '../args';
import { createWebBackend } from '../../server/web-backend';
import { isLoopbackHost } from '../../server/origin-check';
import { RendererNotBuiltError, startStudioServer } from '../../server/studio-server';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the studio UI to a browser (web mode), with training on this machine',
  options: {
    port: { type: 'number', description: 'TCP port (0 picks a free one)', default: 5178, placeholder: 'port' },
    host: { type: 'string', description: 'Interface to bind', default: '127.0.0.1', placeholder: 'host' },
    runs: { type: 'string', description: 'Runs folder', default: 'runs', placeholder: 'dir' },
    roms: { type: 'string', description: 'Extra ROM folder (besides ALE_ROMS_DIR and ale-py)', placeholder: 'dir' },
    synthetic: { type: 'boolean', description: 'Train a synthetic env and agent (no ALE, no TensorFlow): UI demos' },
  },
  async run(options, io) {
    const port = options.port as number;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`'--port' must be 0..65535`);
    const host = options.host as string;
    const roms = typeof options.roms === 'string' ? [options.roms] : [];
    const backend = await createWebBackend({
      runsDir: options.runs as string,
      romDirs: roms,
      synthetic: options.synthetic === true,
    });
    let server;
    try {
      server = await startStudioServer({ backend, port, host });
    } catch (error) {
      await backend.dispose();
      if (error instanceof RendererNotBuiltError) {
        io.err(`dqn-studio serve: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
    if (!isLoopbackHost(host))
      io.err(`warning: serving on ${host}: anyone who can reach this port can train and read runs\n`);
    emitJson(io, { event: 'listening', url: server.url, port: server.port, host });
    io.err(`DQN Studio at ${server.url} (Ctrl+C to stop)\n`);
    await new Promise<void>((resolve) => {
      // Handlers stay installed: a repeated signal (tsx relays them too) must not kill the shutdown.
      const stop = (): void => resolve();
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    io.err('Stopping (a running run writes its final checkpoint)…\n');
    await server.close();
    await backend.dispose();
    return 0;
  },
};
