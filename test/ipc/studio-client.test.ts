import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../shared/ipc/contract';
import { StudioCallError, toCallError, wrapElectronApi } from '../../renderer/lib/studio-client';

describe('toCallError', () => {
  it("recovers the StudioError Electron's main process encodes in the message", () => {
    const raw = new Error(
      `Error invoking remote method 'trainer:start': Error: {"code":"invalid-config","message":"seed: bad","field":"seed"}`,
    );
    const e = toCallError(raw);
    expect(e).toBeInstanceOf(StudioCallError);
    expect({ code: e.code, message: e.message, field: e.field }).toEqual({
      code: 'invalid-config',
      message: 'seed: bad',
      field: 'seed',
    });
  });

  it('keeps plain errors readable', () => {
    expect(toCallError(new Error('boom {not json'))).toMatchObject({ code: 'error', message: 'boom {not json' });
    expect(toCallError('text')).toMatchObject({ code: 'error', message: 'text' });
    const same = new StudioCallError('x', 'y');
    expect(toCallError(same)).toBe(same);
  });
});

describe('Electron API wrapper', () => {
  it('asks the main process for frames while the first listener lasts, and decodes errors', async () => {
    const invoked: Array<{ channel: string; request: unknown }> = [];
    const api: StudioApi = {
      invoke: (async (channel: string, request: unknown) => {
        invoked.push({ channel, request });
        if (channel === 'runs:get')
          throw new Error(`Error invoking remote method: Error: {"code":"missing","message":"no run"}`);
        return undefined;
      }) as StudioApi['invoke'],
      on: () => () => {},
    };
    const wrapped = wrapElectronApi(api);
    const offStatus = wrapped.on('trainer:status', () => {});
    const offA = wrapped.on('trainer:frame', () => {});
    const offB = wrapped.on('trainer:frame', () => {});
    offA();
    offA(); // twice: still counted once
    expect(invoked).toEqual([{ channel: 'trainer:frames', request: { on: true } }]);
    offB();
    offStatus();
    expect(invoked.at(-1)).toEqual({ channel: 'trainer:frames', request: { on: false } });
    expect(invoked).toHaveLength(2);
    await expect(wrapped.invoke('runs:get', { runId: 'x' })).rejects.toMatchObject({
      code: 'missing',
      message: 'no run',
    });
  });
});
