/**
 * Small wasm SIMD modules that share the tfjs wasm backend's memory, for loops tfjs has no kernel for:
 * the Adam step (four floats per instruction; the JS loop took ≈20 ms on the Nature network's
 * 1.6M-weight dense layer), the uint8 → float32 stack conversion, and the first layer's input in the
 * block layout of its filter gradient. Sources: the .wat files beside this one; the strings below are
 * their wat2wasm output (commands in each .wat).
 */
const ADAM_WASM_BASE64 =
  'AGFzbQEAAAABEwFgD39/f39/f39/fX19fX19fQACDwEDZW52Bm1lbW9yeQIAAQMCAQAHCAEEYWRhbQAACuECAd4CAwJ/CnsDfSAI/RMhFCAJ/RMhFSAK/RMhFiAL/RMhFyAM/RMhGCAN/RMhGSAO/RMhGiAHQXxxQQJ0IRACQANAIA8gEE8NASADIA9q/QAEACERIBQgASAPav0ABAD95gEgFSAR/eYB/eQBIRIgFiACIA9q/QAEAP3mASAXIBEgEf3mAf3mAf3kASETIAUgD2ogEv0LBAAgBiAPaiAT/QsEACAEIA9qIAAgD2r9AAQAIBggEv3mASAT/eMBIBn95gEgGv3kAf3nAf3lAf0LBAAgD0EQaiEPDAALCyAHQQJ0IRACQANAIA8gEE8NASADIA9qKgIAIRsgCCABIA9qKgIAlCAJIBuUkiEcIAogAiAPaioCAJQgCyAbIBuUlJIhHSAFIA9qIBw4AgAgBiAPaiAdOAIAIAQgD2ogACAPaioCACAMIByUIB2RIA2UIA6SlZM4AgAgD0EEaiEPDAALCws=';
const STACKS_WASM_BASE64 =
  'AGFzbQEAAAABDgJgBH9/f38AYAN/f38AAg8BA2VudgZtZW1vcnkCAAEDAwIAAQcVAgdzdGFja3M0AAAHc3RhY2tzMQABCtUCAoACAgJ/A3tDgYCAO/0TIQgCQANAIAJFDQEgACADaiEEIAAhBQJAA0AgBSAETw0BIAX9XAIAIQYgBSADaiAG/VYCAAEhBiAFIANBAXRqIAb9VgIAAiEGIAUgA0EDbGogBv1WAgADIQYgBiAG/Q0ABAgMAQUJDQIGCg4DBwsPIQYgBv2JASEHIAEgB/2pAf37ASAI/eYB/QsEACABIAf9qgH9+wEgCP3mAf0LBBAgBv2KASEHIAEgB/2pAf37ASAI/eYB/QsEICABIAf9qgH9+wEgCP3mAf0LBDAgBUEEaiEFIAFBwABqIQEMAAsLIAAgA0ECdGohACACQQFrIQIMAAsLC1ECAX8Ce0OBgIA7/RMhBSAAIAJqIQMCQANAIAAgA08NASAA/VwCAP2JASEEIAEgBP2pAf37ASAF/eYB/QsEACAAQQRqIQAgAUEQaiEBDAALCws=';

const BLOCKS_WASM_BASE64 =
  'AGFzbQEAAAABDgFgCn9/f39/f39/f38AAg8BA2VudgZtZW1vcnkCAAEDAgEABwoBBmJsb2NrcwAACvIEAe8EAgl/A3tDgYCAO/0TIRUgAyAEIAVsbCEKQQAhCwNAQQAhDANAQQAhDQNAQQAhDgNAQQAhDwNAIAAgDSAEbCAOIAZsIAtqaiAFbCAPIAdsIAxqamohEUEAIRAgESESAkADQCAQQRBqIAJLDQEgEiAT/VQAAAAhEyASIApqIRIgEiAT/VQAAAEhEyASIApqIRIgEiAT/VQAAAIhEyASIApqIRIgEiAT/VQAAAMhEyASIApqIRIgEiAT/VQAAAQhEyASIApqIRIgEiAT/VQAAAUhEyASIApqIRIgEiAT/VQAAAYhEyASIApqIRIgEiAT/VQAAAchEyASIApqIRIgEiAT/VQAAAghEyASIApqIRIgEiAT/VQAAAkhEyASIApqIRIgEiAT/VQAAAohEyASIApqIRIgEiAT/VQAAAshEyASIApqIRIgEiAT/VQAAAwhEyASIApqIRIgEiAT/VQAAA0hEyASIApqIRIgEiAT/VQAAA4hEyASIApqIRIgEiAT/VQAAA8hEyASIApqIRIgE/2JASEUIAEgFSAU/akB/fsB/eYB/QsEACABIBUgFP2qAf37Af3mAf0LBBAgE/2KASEUIAEgFSAU/akB/fsB/eYB/QsEICABIBUgFP2qAf37Af3mAf0LBDAgAUHAAGohASAQQRBqIRAMAAsLAkADQCAQIAJPDQEgAUOBgIA7IBItAACzlDgCACASIApqIRIgAUEEaiEBIBBBAWohEAwACwsgD0EBaiIPIAlJDQALIA5BAWoiDiAISQ0ACyANQQFqIg0gA0kNAAsgDEEBaiIMIAdJDQALIAtBAWoiCyAGSQ0ACws=';

export type AdamSimd = (
  p: number,
  m: number,
  v: number,
  g: number,
  po: number,
  mo: number,
  vo: number,
  n: number,
  beta1: number,
  c1: number,
  beta2: number,
  c2: number,
  stepSize: number,
  invSqrtBiasCorrection2: number,
  epsilon: number,
) => void;

export interface StacksSimd {
  /** src: uint8 [images, 4, plane] → dst: float32 [images, plane, 4] / 255. plane % 4 === 0. */
  stacks4(src: number, dst: number, images: number, plane: number): void;
  /** src: uint8 [count] → dst: float32 [count] / 255. count % 4 === 0. */
  stacks1(src: number, dst: number, count: number): void;
}

/** src: uint8 [n, c, h, w] → dst: float32 [(p, q, c), a, b, n] / 255 with p < sh, q < sw. */
export type BlocksSimd = (
  src: number,
  dst: number,
  n: number,
  c: number,
  h: number,
  w: number,
  sh: number,
  sw: number,
  a: number,
  b: number,
) => void;

/** The slice of the WebAssembly API used here (this project's TS libs do not declare it). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

const cache = new Map<string, WeakMap<WasmMemory, Record<string, unknown> | null>>();

function exportsFor(base64: string, memory: WasmMemory): Record<string, unknown> | null {
  let byMemory = cache.get(base64);
  if (!byMemory) cache.set(base64, (byMemory = new WeakMap()));
  if (!byMemory.has(memory)) byMemory.set(memory, instantiate(base64, memory));
  return byMemory.get(memory) ?? null;
}

function instantiate(base64: string, memory: WasmMemory): Record<string, unknown> | null {
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    return new wasm.Instance(new wasm.Module(bytes), { env: { memory } }).exports;
  } catch {
    // No wasm SIMD here (or no WebAssembly): callers fall back to JS loops.
    return null;
  }
}

/** The SIMD Adam bound to `memory`, or null where wasm SIMD is unavailable. */
export function adamSimdFor(memory: WasmMemory): AdamSimd | null {
  return (exportsFor(ADAM_WASM_BASE64, memory)?.adam as AdamSimd | undefined) ?? null;
}

export function stacksSimdFor(memory: WasmMemory): StacksSimd | null {
  return exportsFor(STACKS_WASM_BASE64, memory) as StacksSimd | null;
}

export function blocksSimdFor(memory: WasmMemory): BlocksSimd | null {
  return (exportsFor(BLOCKS_WASM_BASE64, memory)?.blocks as BlocksSimd | undefined) ?? null;
}
