import { applyEnvFile, type EnvFileResult } from './env-file.js';
import { loadConfig, type Config } from './env.js';

/**
 * How every entry point (`npm start` and each CLI) reads its configuration: `.env` (when present) under the
 * real environment, then the one schema. Throws ConfigError (EnvFileError for a bad `.env`) listing the problems.
 */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env, cwd?: string): { config: Config; envFile: EnvFileResult } {
  const envFile = applyEnvFile(env, cwd);
  return { config: loadConfig(env), envFile };
}
