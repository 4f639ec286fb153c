import { describe, expect, it } from 'vitest';
import { dueAt, webmType, WEBM_TYPES } from '../../renderer/lib/replay-webm';
import {
  ARCHIVE_LIMIT_BYTES,
  archiveSizeError,
  fitsOneMessage,
  formatMiB,
  maxWebUploadBytes,
  fetchRunArchive,
  uploadRunArchive,
  WEB_MESSAGE_LIMIT_BYTES,
} from '../../renderer/lib/runs-upload';
import { base64ToBytes, bytesToBase64, encodeJson, RUN_EXPORT_PATH, RUN_IMPORT_PATH } from '../../shared/ipc/wire';

describe('web upload limit', () => {
  it('sends over the socket exactly the files whose import message fits the bridge limit', () => {
    const limit = 3 * 1024 * 1024; // small enough to build the real message in a test
    const max = maxWebUploadBytes(limit);
    const message = encodeJson({
      t: 'invoke',
      id: 123456,
      channel: 'runs:import',
      req: { bytes: new Uint8Array(max) },
    });
    expect(message.length).toBeLessThanOrEqual(limit);
    expect(fitsOneMessage(max, limit)).toBe(true);
    expect(fitsOneMessage(max + 1, limit)).toBe(false);
    // The real limit: about 48 MiB of file per 64 MiB message.
    expect(maxWebUploadBytes(WEB_MESSAGE_LIMIT_BYTES) / 1024 ** 2).toBeCloseTo(48, 1);
  });

  it('refuses archives past the 2 GiB reader limit, naming both sizes', () => {
    expect(archiveSizeError(ARCHIVE_LIMIT_BYTES)).toBeNull();
    expect(archiveSizeError(ARCHIVE_LIMIT_BYTES + 512 * 1024 ** 2)).toBe(
      'it is 2,684,354,560 bytes, over the 2.0 GiB limit for run archives',
    );
    expect(formatMiB(49 * 1024 ** 2)).toBe('49.0 MiB');
  });

  it('posts the file to the upload endpoint and returns the imported run, or its error', async () => {
    const run = { id: 'r-imported', name: 'copy' };
    const calls: { url: string; init: RequestInit }[] = [];
    const ok = async (url: URL, init: RequestInit): Promise<Response> => {
      calls.push({ url: url.href, init });
      return new Response(JSON.stringify({ ok: true, res: run }), { status: 200 });
    };
    const file = new Blob([new Uint8Array([1, 2, 3])]);
    expect(await uploadRunArchive(file, ok, 'http://127.0.0.1:5000/index.html')).toEqual(run);
    expect(calls[0].url).toBe(`http://127.0.0.1:5000${RUN_IMPORT_PATH}`);
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe(file);

    const refused = async (): Promise<Response> =>
      new Response(JSON.stringify({ ok: false, error: { code: 'archive-invalid', message: 'no config.json' } }), {
        status: 400,
      });
    await expect(uploadRunArchive(file, refused, 'http://127.0.0.1:5000/')).rejects.toThrow('no config.json');
    const html = async (): Promise<Response> =>
      new Response('<h1>nope</h1>', { status: 502, statusText: 'Bad Gateway' });
    await expect(uploadRunArchive(file, html, 'http://127.0.0.1:5000/')).rejects.toThrow('502 Bad Gateway');
  });

  it('fetches an export over HTTP and surfaces the server’s error', async () => {
    const seen: { url: string; body: unknown }[] = [];
    const zip = async (url: URL, init: RequestInit): Promise<Response> => {
      seen.push({ url: url.href, body: init.body });
      return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { status: 200 });
    };
    const blob = await fetchRunArchive('r1', zip, 'http://127.0.0.1:5000/');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0x50, 0x4b, 3, 4]);
    expect(seen).toEqual([{ url: `http://127.0.0.1:5000${RUN_EXPORT_PATH}`, body: '{"runId":"r1"}' }]);
    const missing = async (): Promise<Response> =>
      new Response(
        JSON.stringify({ ok: false, error: { code: 'run-not-found', message: "Run 'r1' does not exist." } }),
        {
          status: 404,
        },
      );
    await expect(fetchRunArchive('r1', missing, 'http://127.0.0.1:5000/')).rejects.toThrow("Run 'r1' does not exist.");
  });

  it('matches how the wire encodes bytes (4 base64 characters per 3 bytes)', () => {
    const bytes = new Uint8Array(3000).map((_, i) => i * 7);
    const text = bytesToBase64(bytes);
    expect(text.length).toBe(4000);
    expect(base64ToBytes(text)).toEqual(bytes);
  });
});

describe('WebM recording schedule', () => {
  it('prefers VP9, then VP8, then any WebM, and reports none when nothing records', () => {
    expect(webmType(() => true)).toBe(WEBM_TYPES[0]);
    expect(webmType((t) => t.includes('vp8'))).toBe('video/webm;codecs=vp8');
    expect(webmType((t) => t === 'video/webm')).toBe('video/webm');
    expect(webmType(() => false)).toBeNull();
  });

  it('shows each step at its emulated time divided by the speed', () => {
    expect(dueAt(60, 1)).toBe(1000);
    expect(dueAt(60, 4)).toBe(250);
    expect(dueAt(4, 2)).toBeCloseTo(33.33, 2);
  });
});
