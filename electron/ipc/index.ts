/** The studio backend's public surface, for the shells (Electron main, `cli serve`). */
export { createStudioBackend, defaultPresets, type InvokeOutcome, type StudioBackend } from './backend';
export { StudioFailure, toStudioError } from './errors';
export { findAlePyRomDir } from './rom-dirs';
export type { RomDir, RomIdentifier } from './rom-library';
export type { RunCatalog, ShellAdapter, StudioBackendOptions } from './types';
