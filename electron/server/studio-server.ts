/** The web shell: the built renderer over HTTP plus the WebSocket bridge, on one port. */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WS_PATH } from '../../shared/ipc/wire';
import type { StudioBackend } from '../ipc/backend';
import { createBridge, type Bridge } from './bridge';
import { hostAllowed, originAllowed, originPolicy } from './origin-check';
import { handleRunTransfer, isRunTransfer } from './run-upload';
import { serveStatic } from './static-files';

export interface StudioServerOptions {
  readonly backend: StudioBackend;
  readonly port: number;
  readonly host?: string;
  /** The built renderer (default: out/renderer of this checkout). */
  readonly rendererDir?: string;
}

export interface StudioServer {
  readonly url: string;
  readonly port: number;
  readonly bridge: Bridge;
  close(): Promise<void>;
}

export function defaultRendererDir(): string {
  return resolve(fileURLToPath(new URL('.', import.meta.url)), '../../out/renderer');
}

export class RendererNotBuiltError extends Error {
  override readonly name = 'RendererNotBuiltError';
  readonly code = 'renderer-not-built';
}

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const host = options.host ?? '127.0.0.1';
  const root = options.rendererDir ?? defaultRendererDir();
  if (!existsSync(join(root, 'index.html'))) {
    throw new RendererNotBuiltError(`The renderer is not built (no ${join(root, 'index.html')}): run 'npm run build'.`);
  }
  const bridge = createBridge(options.backend);
  const server: Server = createServer((req, res) => {
    if (!hostAllowed(policy, req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden host\n');
      return;
    }
    if (isRunTransfer(req)) {
      void handleRunTransfer(options.backend, policy, req, res);
      return;
    }
    void serveStatic(root, req, res);
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== WS_PATH || !originAllowed(policy, req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(req, socket, head);
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolvePromise());
  });
  const port = (server.address() as AddressInfo).port;
  const policy = originPolicy(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    bridge,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
