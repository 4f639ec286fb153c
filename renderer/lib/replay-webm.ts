/**
 * WebM export of a replayed episode: each agent step's screen is drawn on a canvas captured with
 * `captureStream(0)` and encoded by MediaRecorder (VP9 or VP8; both Chromium and Electron have them).
 * MediaRecorder stamps frames with the wall clock, so the episode is played into it on a schedule: at 1×
 * the video lasts as long as the episode did at 60 emulated frames a second, at 4× a quarter of that.
 */

/** Preferred first: VP9 is smaller for the same quality; plain 'video/webm' lets the browser choose. */
export const WEBM_TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'] as const;
export const WEBM_SPEEDS = [1, 2, 4] as const;
/** Emulated frames per second of the Atari 2600 (NTSC), the replay's real-time rate. */
export const ATARI_FPS = 60;

/** The first WebM type this browser can record, or null (no MediaRecorder, or no WebM encoder). */
export function webmType(isSupported: (type: string) => boolean = defaultSupport): string | null {
  return WEBM_TYPES.find((t) => isSupported(t)) ?? null;
}

function defaultSupport(type: string): boolean {
  return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(type);
}

/** Milliseconds from the start of the recording at which a step that begins at `frames` is shown. */
export function dueAt(frames: number, speed: number): number {
  return (frames * 1000) / (ATARI_FPS * speed);
}

/** What is recorded: a sequence of screens, each shown from an emulated frame count on. */
export interface WebmSource {
  /** Draws the current screen on the canvas. */
  draw(): void;
  /** Emulated frames played so far (the current screen's start time). */
  readonly frames: number;
  readonly ended: boolean;
  /** Moves to the next screen. */
  advance(): void;
  /** Share of the episode played, in [0, 1]. */
  progress(): number;
}

export interface WebmOptions {
  readonly speed: number;
  readonly onProgress?: (share: number) => void;
  /** Screen shown after the last step, so the final score is readable (ms of video). */
  readonly holdMs?: number;
  readonly bitsPerSecond?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Records `source` played on `canvas` into a WebM blob. */
export async function recordWebm(canvas: HTMLCanvasElement, source: WebmSource, options: WebmOptions): Promise<Blob> {
  const mimeType = webmType();
  if (!mimeType) throw new Error('this browser cannot record WebM video (no MediaRecorder with VP8/VP9)');
  if (typeof canvas.captureStream !== 'function') throw new Error('this browser cannot capture a canvas');
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack;
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: options.bitsPerSecond ?? 2_500_000 });
  const parts: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) parts.push(event.data);
  };
  const stopped = new Promise<void>((resolve, reject) => {
    recorder.onstop = () => resolve();
    recorder.onerror = (event) => reject(new Error(`recording failed: ${String((event as ErrorEvent).message)}`));
  });
  try {
    source.draw();
    // A timeslice makes the recorder hand over data as it goes instead of holding the whole video.
    recorder.start(1000);
    track.requestFrame();
    const start = performance.now();
    const firstFrame = source.frames;
    let lastReport = 0;
    while (!source.ended) {
      source.advance();
      // Waiting for the step's slot, not a fixed interval, keeps the video in time when a step is late.
      await sleep(start + dueAt(source.frames - firstFrame, options.speed) - performance.now());
      source.draw();
      track.requestFrame();
      if (performance.now() - lastReport > 100) {
        lastReport = performance.now();
        options.onProgress?.(source.progress());
      }
    }
    await sleep(options.holdMs ?? 1000);
    track.requestFrame();
    recorder.stop();
    await stopped;
  } finally {
    for (const t of stream.getTracks()) t.stop();
    if (recorder.state !== 'inactive') recorder.stop();
  }
  options.onProgress?.(1);
  return new Blob(parts, { type: 'video/webm' });
}
