import { readFileSync } from 'node:fs';

/** The package's name and version, read once from package.json beside the sources. */
export function packageInfo(): { name: string; version: string } {
  const url = new URL('../../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
