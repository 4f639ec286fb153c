/** App-wide backend facts: version, the ROMs found, the recipe presets, and the connection. */
import type { PresetInfo, RomInfo, StudioApi, VersionInfo } from '../../../shared/ipc/contract';
import { toCallError, WebSocketStudio, type ConnectionState } from '../studio-client';

export class StudioState {
  version = $state.raw<VersionInfo | null>(null);
  roms = $state.raw<RomInfo[]>([]);
  presets = $state.raw<PresetInfo[]>([]);
  connection = $state<ConnectionState>('connecting');
  error = $state<string | null>(null);
  romMessage = $state<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** Called after the bridge reconnects (the server restarted): views refresh what they show. */
  onReconnect: (() => void) | null = null;

  constructor(private readonly api: StudioApi) {
    if (api instanceof WebSocketStudio) {
      this.connection = api.state;
      api.onConnection = (state) => {
        const reconnected = state === 'open' && this.connection === 'closed';
        this.connection = state;
        if (state === 'open' && (!this.version || reconnected)) void this.load();
        if (reconnected) this.onReconnect?.();
      };
    } else {
      this.connection = 'open';
    }
  }

  async load(): Promise<void> {
    try {
      const [version, roms, presets] = await Promise.all([
        this.api.invoke('app:version', undefined),
        this.api.invoke('roms:list', undefined),
        this.api.invoke('presets:list', undefined),
      ]);
      this.version = version;
      this.roms = roms;
      this.presets = presets;
      this.error = null;
    } catch (error) {
      this.error = toCallError(error).message;
    }
  }

  async addRom(file: File): Promise<RomInfo | null> {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const rom = await this.api.invoke('roms:add', { name: file.name, bytes });
      this.roms = await this.api.invoke('roms:list', undefined);
      this.romMessage = { kind: 'ok', text: `Added ${rom.title}.` };
      return rom;
    } catch (error) {
      this.romMessage = { kind: 'error', text: toCallError(error).message };
      return null;
    }
  }
}
