import type { EventChannel, EventMap } from '../../shared/ipc/contract';

type Listener<C extends EventChannel> = (payload: EventMap[C]) => void;

/** A tiny typed emitter for the push channels; a throwing listener never breaks the others. */
export class StudioEvents {
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  private readonly watchers = new Map<EventChannel, () => void>();

  on<C extends EventChannel>(channel: C, listener: Listener<C>): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    const added = !set.has(listener as (payload: never) => void);
    set.add(listener as (payload: never) => void);
    if (added) this.watchers.get(channel)?.();
    return () => {
      if (set.delete(listener as (payload: never) => void)) this.watchers.get(channel)?.();
    };
  }

  /** Calls `changed` whenever a listener of `channel` comes or goes (the backend asks for frames on demand). */
  watchListeners(channel: EventChannel, changed: () => void): void {
    this.watchers.set(channel, changed);
  }

  /** True when someone listens: lets relays skip work (e.g. frames) nobody will see. */
  has(channel: EventChannel): boolean {
    return (this.listeners.get(channel)?.size ?? 0) > 0;
  }

  emit<C extends EventChannel>(channel: C, payload: EventMap[C]): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) {
      try {
        (listener as Listener<C>)(payload);
      } catch (error) {
        console.error(`listener for ${channel} failed:`, error);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
    this.watchers.clear();
  }
}
