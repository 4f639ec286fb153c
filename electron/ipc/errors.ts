/**
 * Errors that cross the IPC boundary. Handlers throw `StudioFailure`; adapters (Electron main, the web
 * bridge) turn anything thrown into a plain `StudioError` so the renderer can show it next to the field.
 */
import type { StudioError } from '../../shared/ipc/contract';

export class StudioFailure extends Error {
  override readonly name = 'StudioFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export function isStudioError(value: unknown): value is StudioError {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Anything thrown -> { code, message, field? }. Errors from other layers keep their code/field if they have one. */
export function toStudioError(error: unknown): StudioError {
  if (isStudioError(error)) {
    const e = error as StudioError;
    return typeof e.field === 'string'
      ? { code: e.code, message: e.message, field: e.field }
      : { code: e.code, message: e.message };
  }
  if (error instanceof Error) {
    const field = (error as { field?: unknown }).field;
    const code = (error as { code?: unknown }).code;
    const out = { code: typeof code === 'string' ? code : 'internal', message: error.message };
    return typeof field === 'string' ? { ...out, field } : out;
  }
  return { code: 'internal', message: String(error) };
}

export function badRequest(message: string, field?: string): StudioFailure {
  return new StudioFailure('bad-request', message, field);
}

export function requireString(req: unknown, field: string): string {
  const value = (req as Record<string, unknown> | undefined)?.[field];
  if (typeof value !== 'string' || value === '') {
    throw new StudioFailure('bad-request', `'${field}' must be a non-empty string.`, field);
  }
  return value;
}
