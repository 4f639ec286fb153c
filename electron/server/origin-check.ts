/**
 * Host and Origin checks. Bound to loopback, only loopback Host names are accepted (a DNS-rebinding page
 * cannot talk to the server); WebSocket upgrades must also come from a page this server served.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

export interface OriginPolicy {
  /** Host header values accepted, or null to accept any (the server was deliberately bound beyond loopback). */
  readonly hosts: ReadonlySet<string> | null;
}

export function originPolicy(bindHost: string, port: number): OriginPolicy {
  if (!isLoopbackHost(bindHost)) return { hosts: null };
  return { hosts: new Set(LOOPBACK_NAMES.map((name) => `${name}:${port}`)) };
}

export function hostAllowed(policy: OriginPolicy, req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  return policy.hosts === null || policy.hosts.has(host.toLowerCase());
}

/** WebSocket upgrades: the Origin must be this very server (same host:port, http). */
export function originAllowed(policy: OriginPolicy, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host?.toLowerCase();
  if (!origin || !host || !hostAllowed(policy, req)) return false;
  return origin.toLowerCase() === `http://${host}`;
}
