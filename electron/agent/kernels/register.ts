/**
 * Registers the project's wasm kernels once: the missing Conv2DBackpropFilter, and a faster
 * Conv2DBackpropInput in place of the package's (unregistered first, so tfjs does not warn), and the
 * fused Adam step for wasm and cpu.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasmConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputWasmConfig } from './conv2d-backprop-input';
import { adamStepConfigs } from './adam-step';

const KERNELS: readonly KernelConfig[] = [
  conv2dBackpropFilterWasmConfig,
  conv2dBackpropInputWasmConfig,
  ...adamStepConfigs,
];

export function registerWasmKernels(): void {
  for (const config of KERNELS) {
    const current = getKernel(config.kernelName, config.backendName);
    if (current?.kernelFunc === config.kernelFunc) continue;
    if (current) unregisterKernel(config.kernelName, config.backendName);
    registerKernel(config);
  }
}
