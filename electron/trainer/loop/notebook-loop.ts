/**
 * The seed notebook's loop (recipe `notebook`), top to bottom, in the notebook's order:
 *   iteration(): env.reset(); ε = 0.995^iteration; step(NOOP); collect 10,000 steps (reset on done, but the
 *                next state stays the terminal frame, as the notebook's code does)
 *   train():     drop the first 44, merge pairs (i, i+1) for i = 0, 4, 8, ...; 20 minibatches of 32 drawn
 *                with replacement; each sample fitted alone toward r + γ·max Q(s') (0 when done)
 * Checkpoints fall on iteration boundaries, and wherever the run is stopped: a stop mid-iteration saves
 * the partial iteration (its memory goes where a replay snapshot would) and resumes inside it exactly.
 * Evaluations run at the top of an iteration, so one cut short by a stop simply runs again on resume.
 */
import type { Batch } from '../../agent/types';
import type { NotebookConfig } from '../../../shared/run-config';
import { Rng, type RngState } from '../../../shared/rng';
import { createPreprocessor } from '../../preprocessing/preprocessor';
import { displayFrame } from './display';
import { evaluate } from './evaluate';
import { decodeNotebookMemory, encodeNotebookMemory } from './notebook-memory';
import { ProgressClock } from './progress-clock';
import type { LoopContext, LoopOutcome } from './types';

export interface NotebookTransition {
  readonly state: Uint8Array;
  readonly action: number;
  readonly next: Uint8Array;
  readonly reward: number;
  readonly done: boolean;
}

interface NotebookLoopState {
  family: 'notebook';
  iteration: number;
  frames: number;
  steps: number;
  episodes: number;
  wallTime: number;
  nextEvalAt: number;
  nextCheckpointAt: number;
  evalEpisodes: number;
  lastEvalFrames: number;
  rngs: { act: RngState; sample: RngState; eval: RngState };
  /** Where collection stood when a stop checkpoint was taken mid-iteration (null at boundaries). */
  collecting?: Collecting | null;
}

/** The collection phase's counters; `i` steps of this iteration are in its memory. */
interface Collecting {
  i: number;
  frames: number;
  steps: number;
  episodes: number;
  score: number;
  episodeFrames: number;
}

/** The notebook's preprocess_experience_replay: drop `dropFirst`, then merge (i, i+1) for i = 0, stride, ... */
export function mergeNotebookMemory(
  memory: readonly NotebookTransition[],
  dropFirst: number,
  stride: number,
): NotebookTransition[] {
  const kept = memory.slice(dropFirst);
  const out: NotebookTransition[] = [];
  // `while i < len - 1`: the last pair needs an i + 1.
  for (let i = 0; i < kept.length - 1; i += stride) {
    const a = kept[i];
    const b = kept[i + 1];
    out.push({
      state: maxOf(a.state, b.state),
      action: b.action,
      next: maxOf(a.next, b.next),
      reward: a.reward + b.reward,
      done: b.done,
    });
  }
  return out;
}

function maxOf(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] > b[i] ? a[i] : b[i];
  return out;
}

/** A batch of transitions; `terminalTarget: 'zero'` turns the target on terminal samples into 0. */
export function toBatch(samples: readonly NotebookTransition[], terminalTarget: 'zero' | 'reward'): Batch {
  const size = samples.length;
  const plane = samples[0].state.length;
  const batch = {
    size,
    states: new Uint8Array(size * plane),
    actions: new Int32Array(size),
    rewards: new Float32Array(size),
    nextStates: new Uint8Array(size * plane),
    dones: new Float32Array(size),
  };
  samples.forEach((t, i) => {
    batch.states.set(t.state, i * plane);
    batch.nextStates.set(t.next, i * plane);
    batch.actions[i] = t.action;
    batch.rewards[i] = t.done && terminalTarget === 'zero' ? 0 : t.reward;
    batch.dones[i] = t.done ? 1 : 0;
  });
  return batch;
}

export async function runNotebookTraining(ctx: LoopContext, config: NotebookConfig): Promise<LoopOutcome> {
  const { agent, control, sink, env } = ctx;
  const pre = createPreprocessor(config);
  const root = new Rng(ctx.seed);
  const rng = { act: root.fork(), sample: root.fork(), eval: root.fork() };
  let s: NotebookLoopState;
  if (ctx.resume) {
    s = structuredClone(ctx.resume.loop) as unknown as NotebookLoopState;
    env.restoreState(ctx.resume.env);
    agent.restore(ctx.resume.agent);
    for (const key of ['act', 'sample', 'eval'] as const) rng[key].setState(s.rngs[key]);
  } else {
    s = {
      family: 'notebook',
      iteration: 0,
      frames: 0,
      steps: 0,
      episodes: 0,
      wallTime: 0,
      nextEvalAt: config.evalEvery > 0 ? config.evalEvery : Infinity,
      nextCheckpointAt: config.checkpointEvery,
      evalEpisodes: 0,
      lastEvalFrames: -1,
      rngs: { act: root.getState(), sample: root.getState(), eval: root.getState() },
    };
  }
  const wallAtStart = s.wallTime;
  const wallTime = (): number => wallAtStart + control.elapsed();

  const progress = new ProgressClock(control);
  const checkpoint = async (partial?: { c: Collecting; memory: NotebookTransition[]; state: Uint8Array }) => {
    s.wallTime = wallTime();
    s.rngs = { act: rng.act.getState(), sample: rng.sample.getState(), eval: rng.eval.getState() };
    s.collecting = partial ? { ...partial.c } : null;
    await sink.checkpoint({
      step: partial?.c.steps ?? s.steps,
      frames: partial?.c.frames ?? s.frames,
      loop: structuredClone(s) as unknown as Record<string, unknown>,
      agent: agent.snapshot(),
      env: env.cloneState(),
      replay: partial ? encodeNotebookMemory(partial.memory, partial.state) : undefined,
    });
    s.collecting = null;
  };
  const runEval = async (): Promise<boolean> => {
    const before = rng.eval.getState();
    const seeds = Array.from({ length: config.evalEpisodes }, () => rng.eval.nextUint32());
    const at = { frames: s.frames, steps: s.steps, wallTime: wallTime() };
    const round = await evaluate(config, agent, ctx.createEvalEnv, seeds, s.evalEpisodes, at, control);
    if (!round) {
      // Stopped mid-evaluation: the stop checkpoint lets the resumed run draw the same seeds again.
      rng.eval.setState(before);
      return false;
    }
    s.evalEpisodes += round.episodes.length;
    s.lastEvalFrames = s.frames;
    sink.episodes(round.episodes);
    sink.metrics([round.metric]);
    return true;
  };

  while (s.frames < config.totalFrames) {
    if (config.evalEpisodes > 0 && s.frames >= s.nextEvalAt && !s.collecting) {
      if (!(await runEval())) {
        await checkpoint();
        return 'stopped';
      }
      while (s.nextEvalAt <= s.frames) s.nextEvalAt += config.evalEvery;
    }
    // ---- iteration(env, model, mem): collect ----
    const epsilon = config.epsilonDecay ** s.iteration;
    let c: Collecting;
    let memory: NotebookTransition[];
    let state: Uint8Array;
    if (s.collecting && ctx.resume?.replay) {
      // Resumed from a stop mid-iteration: the env, RNGs and agent are already where the stop left them.
      ({ memory, state } = decodeNotebookMemory(ctx.resume.replay));
      c = { ...s.collecting };
      s.collecting = null;
      ctx.resume.replay = undefined;
    } else {
      env.reset();
      const first = env.step(0); // the notebook's `o, r, d, i = env.step(0)`; r and d are ignored
      c = {
        i: 0,
        frames: s.frames + first.frames,
        steps: s.steps,
        episodes: s.episodes,
        score: first.reward,
        episodeFrames: first.frames,
      };
      state = pre.process(first);
      memory = [];
    }
    for (; c.i < config.stepsPerIteration && c.frames < config.totalFrames; c.i++) {
      await control.tick(c.frames);
      if (control.stopRequested) {
        await checkpoint({ c, memory, state });
        return 'stopped';
      }
      const act = agent.act(state, epsilon, rng.act);
      const step = env.step(act.action);
      c.steps++;
      c.frames += step.frames;
      c.score += step.reward;
      c.episodeFrames += step.frames;
      const done = step.terminated || step.truncated;
      if (done) {
        c.episodes++;
        sink.metrics([
          {
            kind: 'episode',
            frames: c.frames,
            steps: c.steps,
            wallTime: wallTime(),
            episode: c.episodes,
            return: c.score,
            length: c.episodeFrames,
          },
        ]);
        env.reset();
        c.score = 0;
        c.episodeFrames = 0;
      }
      const next = pre.process(step);
      memory.push({ state, action: act.action, next, reward: step.reward, done });
      if (control.wantFrame()) {
        sink.frame(
          displayFrame({
            runId: ctx.runId,
            frames: c.frames,
            steps: c.steps,
            screen: step.screen,
            observation: next,
            height: pre.height,
            width: pre.width,
            channels: 1,
            qValues: act.qValues,
            actionNames: env.actionNames,
            action: act.action,
            epsilon,
          }),
        );
      }
      state = next;
      if (progress.due()) sink.progress({ frames: c.frames, steps: c.steps, episodes: c.episodes, fps: 0 });
    }
    const { frames, steps, episodes } = c;
    s = { ...s, iteration: s.iteration + 1, frames, steps, episodes };

    // ---- train(mem, model): merge, then fit minibatches ----
    const merged = mergeNotebookMemory(memory, config.dropFirst, config.mergeStride);
    let loss = 0;
    let meanQ = 0;
    let fits = 0;
    for (let b = 0; b < config.trainBatches && merged.length > 0; b++) {
      const picks = Array.from({ length: config.batchSize }, () => merged[rng.sample.int(merged.length)]);
      const groups = config.perSampleFit ? picks.map((t) => [t]) : [picks];
      for (const group of groups) {
        const result = agent.update(toBatch(group, config.terminalTarget));
        loss += result.loss;
        meanQ += result.meanQ;
        fits++;
        // The 640 single-sample fits take seconds: the UI still hears from the run.
        if (progress.due()) sink.progress({ frames: s.frames, steps: s.steps, episodes: s.episodes, fps: 0 });
      }
      await control.tick(s.frames);
    }
    if (fits > 0) {
      sink.metrics([
        {
          kind: 'train',
          frames: s.frames,
          steps: s.steps,
          wallTime: wallTime(),
          loss: loss / fits,
          meanQ: meanQ / fits,
          epsilon,
          fps: s.frames / Math.max(1e-9, wallTime()),
        },
      ]);
    }
    sink.progress({ frames: s.frames, steps: s.steps, episodes: s.episodes, fps: 0 });
    progress.reset();
    if (s.frames >= s.nextCheckpointAt || s.frames >= config.totalFrames) {
      while (s.nextCheckpointAt <= s.frames) s.nextCheckpointAt += config.checkpointEvery;
      await checkpoint();
    }
  }
  if (config.evalEpisodes > 0 && s.lastEvalFrames !== s.frames) {
    const completed = await runEval();
    await checkpoint();
    if (!completed) return 'stopped';
  }
  return 'finished';
}
