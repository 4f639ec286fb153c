/**
 * Keeps the trainer from building turbo display frames nobody sees. The UI's display request (mode, on/off)
 * is recorded and applied only while some window or socket subscribes to frames; with no subscriber (the
 * Train view closed, the window hidden, no browser tab) the trainer is told the display is off, so it
 * copies no screens at all. Watch mode passes through as asked: it paces training to real time, which the
 * user chose whether or not the picture is on screen.
 */
import type { DisplayMode, TrainerStatus } from '../../shared/ipc/contract';
import type { TrainerHost } from '../trainer/types';

export interface DisplayGate {
  /** The trainer as the handlers see it: `setDisplay` records the request and applies the gated setting. */
  readonly trainer: TrainerHost;
  /** Re-applies the request after the number of frame subscribers changed. */
  demandChanged(): void;
}

export function gateDisplay(trainer: TrainerHost, hasSubscribers: () => boolean): DisplayGate {
  let requested: { mode: DisplayMode; enabled: boolean } | null = null;
  let applied: { mode: DisplayMode; enabled: boolean } | null = null;

  const apply = (): Promise<TrainerStatus> => {
    if (!requested) return Promise.resolve(trainer.status());
    const effective = {
      mode: requested.mode,
      enabled: requested.enabled && (requested.mode === 'watch' || hasSubscribers()),
    };
    applied = effective;
    return trainer.setDisplay(effective.mode, effective.enabled);
  };

  const gated: TrainerHost = {
    status: () => trainer.status(),
    start: (request) => trainer.start(request),
    resumeRun: (runId) => trainer.resumeRun(runId),
    pause: () => trainer.pause(),
    resume: () => trainer.resume(),
    stop: () => trainer.stop(),
    setDisplay(mode, enabled) {
      requested = { mode, enabled };
      return apply();
    },
    on: (event, listener) => trainer.on(event, listener),
    dispose: () => trainer.dispose(),
  };

  return {
    trainer: gated,
    demandChanged() {
      if (!requested) return;
      const enabled = requested.enabled && (requested.mode === 'watch' || hasSubscribers());
      if (applied?.mode === requested.mode && applied.enabled === enabled) return;
      // Nobody awaits this: a failure (the trainer process gone) surfaces through its status events.
      apply().catch((error: unknown) => console.error('display update failed:', error));
    },
  };
}
