import { ConfigError, configWarnings } from './config/env.js';
import { loadEnvironment } from './config/load.js';
import { createLogger } from './log.js';
import { parseRoles, UsageError } from './app/roles.js';
import { runApp } from './app/run-app.js';

/**
 * `npm start [-- --role poller|worker|discord|telegram|all]`: reads `.env` (when present) under the real
 * environment, checks the configuration, then runs the roles.
 * Exit codes: 0 after a clean shutdown, 1 on a bad environment or a failed start, 2 on bad arguments.
 */
async function main(): Promise<void> {
  let roles;
  let loaded;
  try {
    roles = parseRoles(process.argv.slice(2));
    loaded = loadEnvironment(process.env);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError) {
      console.error(`kazwire: ${err.message}`);
      process.exit(err instanceof UsageError ? 2 : 1);
    }
    throw err;
  }
  const { config, envFile } = loaded;
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  if (envFile.file) {
    logger.info({ file: envFile.file, set: envFile.applied.length, keptFromEnvironment: envFile.shadowed }, 'read .env');
  }
  for (const warning of configWarnings(config)) logger.warn(warning);
  await runApp(config, roles, logger);
}

main().catch((err: unknown) => {
  // A configuration problem found while starting (an unreadable FEEDS_FILE...) is said plainly, without a stack.
  if (err instanceof ConfigError) {
    console.error(`kazwire: ${err.message}`);
    process.exit(1);
  }
  console.error('kazwire: failed to start:', err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
