/**
 * State of the "watch a checkpoint play" panel: loading a run's newest checkpoint, the play loop (real
 * time or as fast as the network allows), the ε choice and the keys a person holds to take over.
 * TensorFlow.js comes with replay-policy.ts, imported on first load so the app bundle stays small.
 */
import type { QNetwork } from '../../electron/agent/networks';
import type { RunSummary } from '../../shared/ipc/contract';
import type { RunConfig } from '../../shared/run-config';
import { actionForKeys, NO_KEYS, type HeldKeys } from './replay-keys';
import type * as PolicyModule from './replay-policy';
import type { PolicyPlayer } from './replay-policy';
import type { RunsState } from './state/runs.svelte';

export type EpsilonMode = 'greedy' | 'eval' | 'explore';

/** Emulated frames per second of real time. */
const REAL_TIME_FPS = 60;
/** Work per animation frame when not in real time, so the page stays responsive. */
const FRAME_BUDGET_MS = 30;

export class PolicySession {
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  message = $state('');
  playing = $state(false);
  realTime = $state(true);
  epsilonMode = $state<EpsilonMode>('greedy');
  evalEpsilon = $state(0.05);
  checkpoint = $state<{ step: number; frames: number } | null>(null);
  /** Agent steps per second over the last second of play (real time needs frames/s ÷ frameskip). */
  rate = $state<number | null>(null);
  /** Bumped whenever the player moved: views re-read it. */
  version = $state(0);
  readonly epsilon = $derived(this.epsilonMode === 'greedy' ? 0 : this.epsilonMode === 'eval' ? this.evalEpsilon : 0.1);

  // Engine objects are plain: `version` says when they changed.
  player: PolicyPlayer | null = null;
  private policy: typeof PolicyModule | null = null;
  private network: QNetwork | null = null;
  private context: { rom: Uint8Array; config: RunConfig } | null = null;
  private episode = 0;
  private keys: HeldKeys = { ...NO_KEYS };
  private raf = 0;
  private clock = 0;
  private last = 0;
  private rateWindow = { at: 0, steps: 0 };

  constructor(private readonly runs: RunsState) {}

  unload(): void {
    this.stop();
    this.network?.dispose();
    this.network = null;
    this.player = null;
    this.context = null;
    this.checkpoint = null;
    this.status = 'idle';
    this.version++;
  }

  async load(run: RunSummary): Promise<void> {
    this.unload();
    this.status = 'loading';
    this.message = `Loading the newest checkpoint of “${run.name}”…`;
    try {
      const [weights, data, rom] = await Promise.all([
        this.runs.api.invoke('runs:policy', { runId: run.id }),
        this.runs.data(run),
        this.runs.api.invoke('roms:bytes', { gameId: run.gameId }),
      ]);
      this.policy ??= await import('./replay-policy');
      const backend = await this.policy.initPolicyBackend();
      const game = this.policy.prepareGame(rom, data.detail.config);
      this.network = this.policy.loadNetwork(game.config, game.actionNames.length, weights);
      this.context = { rom, config: game.config };
      this.evalEpsilon = game.config.evalEpsilon;
      this.checkpoint = { step: weights.step, frames: weights.frames };
      this.episode = 0;
      this.newEpisode();
      this.status = 'ready';
      this.message = `TensorFlow.js ${backend} backend`;
    } catch (error) {
      this.unload();
      this.status = 'error';
      this.message = `Could not load the checkpoint: ${(error as Error).message}`;
    }
  }

  newEpisode(): void {
    if (!this.context || !this.network || !this.policy) return;
    this.stop();
    this.player = new this.policy.PolicyPlayer(
      this.context.rom,
      this.context.config,
      this.network,
      1000 + this.episode++,
    );
    this.clock = this.player.frames;
    this.version++;
  }

  play(): void {
    const player = this.player;
    if (!player || this.playing) return;
    if (player.ended) this.newEpisode();
    this.playing = true;
    this.clock = this.player!.frames;
    this.last = performance.now();
    this.rateWindow = { at: this.last, steps: this.player!.steps };
    this.raf = requestAnimationFrame(this.tick);
  }

  stop(): void {
    this.playing = false;
    cancelAnimationFrame(this.raf);
  }

  step(): void {
    this.stop();
    this.advance();
    this.version++;
  }

  /** A steering key went down or up; pressing one while paused starts play (the person drives). */
  key(key: keyof HeldKeys, down: boolean): void {
    this.keys = { ...this.keys, [key]: down };
    if (down && !this.playing && this.player && !this.player.ended) this.play();
  }

  releaseKeys(): void {
    this.keys = { ...NO_KEYS };
  }

  private advance(): void {
    const player = this.player;
    if (!player || player.ended) return;
    player.step(this.epsilon, actionForKeys(player.actionNames, this.keys));
  }

  /** Real time: steps until the emulated clock catches up; else as many as fit in the frame budget. */
  private readonly tick = (now: number): void => {
    const player = this.player;
    if (!player) return;
    const start = performance.now();
    if (this.realTime) this.clock += (Math.min(100, now - this.last) / 1000) * REAL_TIME_FPS;
    this.last = now;
    while (!player.ended && (!this.realTime || player.frames < this.clock)) {
      this.advance();
      if (performance.now() - start > FRAME_BUDGET_MS) break;
    }
    // Slower than real time: do not bank the lag (it would replay as a burst later).
    if (this.realTime && player.frames < this.clock - REAL_TIME_FPS) this.clock = player.frames;
    if (now - this.rateWindow.at >= 1000) {
      this.rate = ((player.steps - this.rateWindow.steps) * 1000) / (now - this.rateWindow.at);
      this.rateWindow = { at: now, steps: player.steps };
    }
    this.version++;
    if (player.ended) {
      this.playing = false;
      return;
    }
    this.raf = requestAnimationFrame(this.tick);
  };
}
