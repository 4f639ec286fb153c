/**
 * The online DQN loop (recipes `nature` and `notebook-fixed`), CleanRL dqn_atari style, top to bottom:
 * act ε-greedily -> store the transition -> every `trainEvery` steps after the warm-up, one minibatch
 * update -> every `targetUpdateEvery` steps, sync the target network -> log, display, evaluate,
 * checkpoint. Everything the next step depends on lives in `state`, the RNG streams, the env, the agent
 * and the replay, so a checkpoint taken at any step resumes bit-exactly.
 */
import type { ReplayConfig } from '../../../shared/run-config';
import type { MetricRecord } from '../../../shared/metrics';
import { Rng, type RngState } from '../../../shared/rng';
import { createPreprocessor } from '../../preprocessing/preprocessor';
import { AgentEnv } from './agent-env';
import { displayFrame } from './display';
import { evaluate } from './evaluate';
import { ProgressClock } from './progress-clock';
import type { LoopContext, LoopOutcome } from './types';

interface ReplayLoopState {
  family: 'replay';
  frames: number;
  steps: number;
  episodes: number;
  updates: number;
  wallTime: number;
  /** Updates start after this step (the warm-up restarts after a resume without a saved replay). */
  learningStartsAt: number;
  nextEvalAt: number;
  nextCheckpointAt: number;
  evalEpisodes: number;
  lastEvalFrames: number;
  window: { loss: number; q: number; updates: number; frames: number; wall: number };
  rngs: { act: RngState; replay: RngState; wrapper: RngState; eval: RngState };
  env: Record<string, unknown>;
}

/** Linear ε from start to end over `explorationSteps`, then flat (CleanRL's linear_schedule). */
export function linearEpsilon(config: ReplayConfig, step: number): number {
  const slope = (config.epsilonEnd - config.epsilonStart) / config.explorationSteps;
  return Math.max(slope * step + config.epsilonStart, Math.min(config.epsilonStart, config.epsilonEnd));
}

export async function runReplayTraining(ctx: LoopContext, config: ReplayConfig): Promise<LoopOutcome> {
  const { agent, control, sink } = ctx;
  const pre = createPreprocessor(config);
  const replay = ctx.createReplay({
    capacity: config.replayCapacity,
    frameHeight: pre.height,
    frameWidth: pre.width,
    stack: config.frameStack,
  });
  const root = new Rng(ctx.seed);
  const rng = { act: root.fork(), replay: root.fork(), wrapper: root.fork(), eval: root.fork() };
  const env = new AgentEnv(ctx.env, config, pre, rng.wrapper);

  let s: ReplayLoopState;
  if (ctx.resume) {
    s = structuredClone(ctx.resume.loop) as unknown as ReplayLoopState;
    ctx.env.restoreState(ctx.resume.env);
    agent.restore(ctx.resume.agent);
    for (const key of ['act', 'replay', 'wrapper', 'eval'] as const) rng[key].setState(s.rngs[key]);
    env.loadState(s.env);
    if (ctx.resume.replay) {
      replay.deserialize(ctx.resume.replay);
      ctx.resume.replay = undefined;
    } else {
      // Without the saved memory the episode goes on, but learning waits for a fresh warm-up.
      replay.startEpisode(env.stack.subarray((config.frameStack - 1) * pre.height * pre.width));
      s.learningStartsAt = s.steps + config.learningStarts;
    }
  } else {
    s = {
      family: 'replay',
      frames: 0,
      steps: 0,
      episodes: 0,
      updates: 0,
      wallTime: 0,
      learningStartsAt: config.learningStarts,
      nextEvalAt: config.evalEvery > 0 ? config.evalEvery : Infinity,
      nextCheckpointAt: config.checkpointEvery,
      evalEpisodes: 0,
      lastEvalFrames: -1,
      window: { loss: 0, q: 0, updates: 0, frames: 0, wall: 0 },
      rngs: { act: root.getState(), replay: root.getState(), wrapper: root.getState(), eval: root.getState() },
      env: {},
    };
    replay.startEpisode(env.reset());
    s.frames += env.takeResetFrames();
  }
  const wallAtStart = s.wallTime;
  const wallTime = (): number => wallAtStart + control.elapsed();
  const progress = new ProgressClock(control);
  let lastFps = 0;
  let pending: MetricRecord[] = [];
  const flush = (): void => {
    if (pending.length) sink.metrics(pending);
    pending = [];
  };

  const checkpoint = async (): Promise<void> => {
    flush();
    s.wallTime = wallTime();
    for (const key of ['act', 'replay', 'wrapper', 'eval'] as const) s.rngs[key] = rng[key].getState();
    s.env = env.saveState();
    await sink.checkpoint({
      step: s.steps,
      frames: s.frames,
      loop: structuredClone(s) as unknown as Record<string, unknown>,
      agent: agent.snapshot(),
      env: ctx.env.cloneState(),
      replay: config.checkpointReplay ? replay.serialize() : undefined,
    });
  };

  const runEval = async (): Promise<boolean> => {
    const seeds = Array.from({ length: config.evalEpisodes }, () => rng.eval.nextUint32());
    const at = { frames: s.frames, steps: s.steps, wallTime: wallTime() };
    const round = await evaluate(config, agent, ctx.createEvalEnv, seeds, s.evalEpisodes, at, control);
    if (!round) return false;
    s.evalEpisodes += round.episodes.length;
    s.lastEvalFrames = s.frames;
    sink.episodes(round.episodes);
    pending.push(round.metric);
    flush();
    return true;
  };

  while (s.frames < config.totalFrames) {
    await control.tick(s.frames);
    if (control.stopRequested) {
      await checkpoint();
      return 'stopped';
    }

    // 1. Act ε-greedily on the current frame stack.
    const epsilon = linearEpsilon(config, s.steps);
    const act = agent.act(env.stack, epsilon, rng.act);
    const step = env.step(act.action);
    s.steps++;
    s.frames += step.frames;

    // 2. Store the transition; a done (or a truncated game) starts a new episode.
    replay.add(act.action, step.reward, step.done, step.frame);
    if (step.finished) {
      s.episodes++;
      pending.push({
        kind: 'episode',
        frames: s.frames,
        steps: s.steps,
        wallTime: wallTime(),
        episode: s.episodes,
        return: step.finished.score,
        length: step.finished.frames,
      });
    }
    if (step.done || step.gameOver) {
      replay.startEpisode(env.reset());
      const resetFrames = env.takeResetFrames();
      s.frames += resetFrames;
      control.unshown(resetFrames);
    }

    // 3. Learn: one minibatch every trainEvery steps after the warm-up; sync the target on schedule.
    if (s.steps > s.learningStartsAt) {
      if (s.steps % config.trainEvery === 0) {
        const result = agent.update(replay.sample(config.batchSize, rng.replay));
        s.updates++;
        s.window.loss += result.loss;
        s.window.q += result.meanQ;
        s.window.updates++;
      }
      if (s.steps % config.targetUpdateEvery === 0) agent.syncTarget();
    }

    // 4. Report, show, evaluate, checkpoint.
    if (s.steps % config.logEvery === 0) {
      const now = wallTime();
      const fps = now > s.window.wall ? (s.frames - s.window.frames) / (now - s.window.wall) : 0;
      if (s.window.updates > 0) {
        const n = s.window.updates;
        pending.push({
          kind: 'train',
          frames: s.frames,
          steps: s.steps,
          wallTime: now,
          loss: s.window.loss / n,
          meanQ: s.window.q / n,
          epsilon,
          fps,
        });
      }
      s.window = { loss: 0, q: 0, updates: 0, frames: s.frames, wall: now };
      sink.progress({ frames: s.frames, steps: s.steps, episodes: s.episodes, fps });
      flush();
      lastFps = fps;
      progress.reset();
    } else if (progress.due()) {
      // Between log lines (logEvery may be thousands of steps) the UI still hears where the run is.
      sink.progress({ frames: s.frames, steps: s.steps, episodes: s.episodes, fps: lastFps });
    }
    if (control.wantFrame()) {
      sink.frame(
        displayFrame({
          runId: ctx.runId,
          frames: s.frames,
          steps: s.steps,
          screen: step.raw.screen,
          observation: env.stack,
          height: pre.height,
          width: pre.width,
          channels: config.frameStack,
          qValues: act.qValues,
          actionNames: ctx.env.actionNames,
          action: act.action,
          epsilon,
        }),
      );
    }
    if (s.frames >= s.nextEvalAt && config.evalEpisodes > 0) {
      if (!(await runEval())) continue; // stop requested mid-evaluation: the loop top checkpoints
      while (s.nextEvalAt <= s.frames) s.nextEvalAt += config.evalEvery;
    }
    if (s.frames >= s.nextCheckpointAt) {
      while (s.nextCheckpointAt <= s.frames) s.nextCheckpointAt += config.checkpointEvery;
      await checkpoint();
    }
  }
  if (config.evalEpisodes > 0 && s.lastEvalFrames !== s.frames && !(await runEval())) {
    await checkpoint();
    return 'stopped';
  }
  sink.progress({ frames: s.frames, steps: s.steps, episodes: s.episodes, fps: 0 });
  await checkpoint();
  return 'finished';
}
