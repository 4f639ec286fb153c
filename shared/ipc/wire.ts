/**
 * The web bridge's wire format (`cli serve` <-> browser), shared by the server and the renderer's client.
 * Text messages are JSON in which every Uint8Array travels as `{ "$bytes": "<base64>" }`. Display frames,
 * the one high-rate payload (~41 KB each), travel as binary WebSocket messages instead:
 *   byte 0 = FRAME_MAGIC, bytes 1..4 = header length (uint32 LE), header JSON (UTF-8), screen, observation.
 */
import type { DisplayFrame, StudioError } from './contract';

export const WS_PATH = '/studio-ws';
/** Web mode: run archives travel over HTTP, not as one (capped, base64) WebSocket message (electron/server/run-upload.ts). */
export const RUN_IMPORT_PATH = '/api/runs/import';
export const RUN_EXPORT_PATH = '/api/runs/export';
export const FRAME_MAGIC = 0x46;

export type ClientMessage =
  | { readonly t: 'invoke'; readonly id: number; readonly channel: string; readonly req: unknown }
  /** Frames are only sent to clients that asked for them, so an idle tab costs nothing. */
  | { readonly t: 'subscribe'; readonly channel: string; readonly on: boolean };

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly ok: true; readonly res: unknown }
  | { readonly t: 'result'; readonly id: number; readonly ok: false; readonly error: StudioError }
  | { readonly t: 'event'; readonly channel: string; readonly payload: unknown };

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? { $bytes: bytesToBase64(v) } : v));
}

export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const b = (v as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof b === 'string') return base64ToBytes(b);
    }
    return v;
  });
}

interface FrameHeader extends Omit<DisplayFrame, 'screen' | 'observation'> {
  readonly observation: { readonly width: number; readonly height: number; readonly channels: number };
  readonly screenLength: number;
  readonly observationLength: number;
}

export function encodeFrame(frame: DisplayFrame): Uint8Array {
  const { screen, observation, ...rest } = frame;
  const header: FrameHeader = {
    ...rest,
    observation: { width: observation.width, height: observation.height, channels: observation.channels },
    screenLength: screen.length,
    observationLength: observation.data.length,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(5 + headerBytes.length + screen.length + observation.data.length);
  out[0] = FRAME_MAGIC;
  new DataView(out.buffer).setUint32(1, headerBytes.length, true);
  out.set(headerBytes, 5);
  out.set(screen, 5 + headerBytes.length);
  out.set(observation.data, 5 + headerBytes.length + screen.length);
  return out;
}

/** Decodes a binary frame message; throws on anything malformed (the caller drops it). */
export function decodeFrame(bytes: Uint8Array): DisplayFrame {
  if (bytes.length < 5 || bytes[0] !== FRAME_MAGIC) throw new Error('not a display frame');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(1, true);
  const start = 5 + headerLength;
  if (start > bytes.length) throw new Error('truncated display frame header');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(5, start))) as FrameHeader;
  const { screenLength, observationLength, observation, ...rest } = header;
  if (start + screenLength + observationLength !== bytes.length) throw new Error('display frame length mismatch');
  return {
    ...rest,
    screen: bytes.slice(start, start + screenLength),
    observation: { ...observation, data: bytes.slice(start + screenLength, start + screenLength + observationLength) },
  };
}
