import { emitJson, type CliCommand } from '../command';
import { packageInfo } from '../version';

export const versionCommand: CliCommand = {
  name: 'version',
  summary: 'Print the studio version as a JSON line',
  options: {},
  async run(_options, io) {
    const { name, version } = packageInfo();
    emitJson(io, { name, version, node: process.versions.node });
    return 0;
  },
};
