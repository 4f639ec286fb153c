/**
 * Exporting a replayed episode as a file: an animated GIF (encoded here, any browser) or a WebM video
 * (MediaRecorder). Both replay the episode afresh in their own emulator, so the on-screen replay keeps its
 * place and the file always holds the whole episode.
 */
import { PALETTE_RGB, PALETTE_RGBA32 } from '../../electron/ale/palette';
import { SCREEN_HEIGHT, SCREEN_WIDTH } from '../../electron/ale/types';
import { EpisodeReplay } from './replay-engine';
import { atariGifPalette, GifEncoder, screenToIndices } from './replay-gif';
import { recordWebm } from './replay-webm';
import { safeFileName } from './runs-download';

export interface ExportedFile {
  readonly name: string;
  readonly blob: Blob;
  /** Agent steps in the file. */
  readonly steps: number;
}

type Progress = (share: number) => void;

function fileName(runName: string, source: EpisodeReplay, ext: string): string {
  return `${safeFileName(runName)}-episode-${source.episode.index}-score-${source.episode.score}.${ext}`;
}

const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** An animated GIF at 2× width (ALE pixels are wide), each screen held for its step's frames. */
export async function episodeGif(
  rom: Uint8Array,
  source: EpisodeReplay,
  runName: string,
  onProgress: Progress,
): Promise<ExportedFile> {
  const replay = new EpisodeReplay(rom, source.options, source.episode);
  const gif = new GifEncoder({
    width: SCREEN_WIDTH * 2,
    height: SCREEN_HEIGHT,
    palette: atariGifPalette(PALETTE_RGB),
    loop: 0,
  });
  let steps = 0;
  // GIF delays are in centiseconds: rounding cumulatively keeps a long GIF in real time (60 frames/s).
  let pending = screenToIndices(replay.screen, SCREEN_WIDTH, SCREEN_HEIGHT, 2, 1);
  while (!replay.ended) {
    for (let n = 0; n < 40 && !replay.ended; n++) {
      const before = replay.frames;
      replay.advance();
      const cs = Math.round((replay.frames * 100) / 60) - Math.round((before * 100) / 60);
      gif.addFrame(pending, Math.max(cs, 1));
      pending = screenToIndices(replay.screen, SCREEN_WIDTH, SCREEN_HEIGHT, 2, 1);
      steps++;
    }
    onProgress(replay.step / Math.max(1, replay.total));
    await yieldToUi();
  }
  gif.addFrame(pending, 200);
  const bytes = gif.finish();
  return { name: fileName(runName, source, 'gif'), blob: new Blob([bytes as Uint8Array<ArrayBuffer>]), steps };
}

/** A WebM video at 2× scale, played into the recorder at `speed` (1× = real time). */
export async function episodeWebm(
  rom: Uint8Array,
  source: EpisodeReplay,
  runName: string,
  speed: number,
  onProgress: Progress,
): Promise<ExportedFile> {
  const replay = new EpisodeReplay(rom, source.options, source.episode);
  const small = document.createElement('canvas');
  small.width = SCREEN_WIDTH;
  small.height = SCREEN_HEIGHT;
  const smallCtx = small.getContext('2d')!;
  const image = smallCtx.createImageData(SCREEN_WIDTH, SCREEN_HEIGHT);
  const pixels = new Uint32Array(image.data.buffer);
  // Video codecs blur single pixels; 2× in both directions keeps the Atari's blocks crisp and 4:3-ish.
  const canvas = document.createElement('canvas');
  canvas.width = SCREEN_WIDTH * 2;
  canvas.height = SCREEN_HEIGHT * 2;
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingEnabled = false;
  const blob = await recordWebm(
    canvas,
    {
      draw() {
        for (let i = 0; i < pixels.length; i++) pixels[i] = PALETTE_RGBA32[replay.screen[i]];
        smallCtx.putImageData(image, 0, 0);
        ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
      },
      get frames() {
        return replay.frames;
      },
      get ended() {
        return replay.ended;
      },
      advance: () => void replay.advance(),
      progress: () => replay.step / Math.max(1, replay.total),
    },
    { speed, onProgress },
  );
  return { name: fileName(runName, source, 'webm'), blob, steps: replay.step };
}
