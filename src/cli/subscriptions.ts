/**
 * Subscriptions backup from the terminal, so they survive a lost Redis:
 *   npm run subscriptions -- export FILE    (JSON; `-` for standard output)
 *   npm run subscriptions -- import FILE    (checked as a whole first; importing the same file twice changes nothing)
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/env.js';
import { loadEnvironment } from '../config/load.js';
import { platforms } from '../app/platforms.js';
import { createRedisSubscriptionStore } from '../delivery/core/subscriptions.js';
import { createRedisChatLanguageStore } from '../i18n/chat-languages.js';
import { connectRedis } from '../redis/connection.js';
import { deploymentKeys } from '../redis/keys.js';
import { writeFileAtomic } from '../backup/atomic-file.js';
import { exportSubscriptions, importSubscriptions, SubscriptionsFileError } from '../backup/subscriptions-file.js';
import { userPath } from './user-path.js';

const USAGE = 'usage: npm run subscriptions -- export FILE | import FILE   (FILE may be - for standard output/input)';

async function main(argv: string[]): Promise<number> {
  const [action, file, ...rest] = argv;
  if ((action !== 'export' && action !== 'import') || !file || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const { config } = loadEnvironment(process.env);
  // Read the file before connecting: a typo in its name should not wait on Redis.
  const text = action === 'import' ? readFileSync(file === '-' ? 0 : userPath(file), 'utf8') : undefined;
  const redis = connectRedis(config, 'client');
  try {
    const keys = deploymentKeys(config);
    const store = createRedisSubscriptionStore({ redis, keys, platforms });
    const languages = createRedisChatLanguageStore(redis, keys);
    if (text !== undefined) {
      const report = await importSubscriptions(store, text, platforms, languages);
      console.log(`Imported ${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged.`);
      return 0;
    }
    const { text: json, count } = await exportSubscriptions(store, new Date(), languages);
    if (file === '-') process.stdout.write(json);
    else {
      writeFileAtomic(userPath(file), json);
      console.log(`Exported ${count} subscriptions to ${userPath(file)}.`);
    }
    return 0;
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(`kazwire: ${err.message}`);
    else if (err instanceof SubscriptionsFileError) console.error(err.message);
    else if ((err as NodeJS.ErrnoException).code === 'ENOENT') console.error(`kazwire: ${(err as Error).message}`);
    else console.error(err);
    process.exit(1);
  },
);
