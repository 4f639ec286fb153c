/** The synthetic Env for tests (the implementation lives in electron/trainer/synthetic so the CLI can use it too). */
export { createSyntheticEnv, type SyntheticEnvOptions } from '../../electron/trainer/synthetic/synthetic-env';
