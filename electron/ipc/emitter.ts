import type { EventChannel, EventMap } from '../../shared/ipc/contract';

type Listener<C extends EventChannel> = (payload: EventMap[C]) => void;

/** A tiny typed emitter for the push channels; a throwing listener never breaks the others. */
export class StudioEvents {
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();

  on<C extends EventChannel>(channel: C, listener: Listener<C>): () => void {
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
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
  }
}
