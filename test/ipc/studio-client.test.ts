import { describe, expect, it } from 'vitest';
import { StudioCallError, toCallError } from '../../renderer/lib/studio-client';

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
