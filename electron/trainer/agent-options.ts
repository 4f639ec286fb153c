/** The DqnAgent a run config describes (shared by the trainer host and `eval`). */
import type { AgentOptions } from '../agent/types';
import { observationShape, type RunConfig } from '../../shared/run-config';

export function agentOptionsFor(config: RunConfig, actions: number, seed: number): AgentOptions {
  const { height, width } = observationShape(config);
  return {
    network: {
      kind: config.network,
      inputHeight: height,
      inputWidth: width,
      channels: config.frameStack,
      actions,
      dueling: config.dueling,
    },
    learningRate: config.learningRate,
    adamEpsilon: config.adamEpsilon,
    gamma: config.gamma,
    loss: config.loss,
    double: config.double,
    targetNetwork: config.targetNetwork,
    maxGradNorm: config.maxGradNorm,
    seed,
  };
}
