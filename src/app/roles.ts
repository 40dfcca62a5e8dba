/**
 * What one process runs. `all` (the default) runs everything in one process; several processes on several
 * machines can share one Redis, each with some roles.
 * - `poller`: polls feeds, understands items, queues stories.
 * - `worker`: fans stories out to subscriptions and delivers them (to every platform whose token is set).
 * - `discord`: answers Discord commands (gateway connection).
 * - `telegram`: answers Telegram commands (long polling or webhook).
 */
export const ROLES = ['poller', 'worker', 'discord', 'telegram'] as const;
export type Role = (typeof ROLES)[number];

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Reads `--role poller,worker` / `--role=poller` (repeatable). No flag: every role. */
export function parseRoles(argv: string[]): Set<Role> {
  const named: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--role') {
      const value = argv[++i];
      if (!value) throw new UsageError(`--role needs a value: one of ${[...ROLES, 'all'].join(', ')}`);
      named.push(...value.split(','));
    } else if (arg.startsWith('--role=')) {
      named.push(...arg.slice('--role='.length).split(','));
    } else if (arg === '--help' || arg === '-h') {
      throw new UsageError(usage());
    } else {
      throw new UsageError(`unknown argument "${arg}"\n${usage()}`);
    }
  }
  if (named.length === 0 || named.includes('all')) return new Set(ROLES);
  const roles = new Set<Role>();
  for (const name of named.map((n) => n.trim()).filter(Boolean)) {
    if (!(ROLES as readonly string[]).includes(name)) {
      throw new UsageError(`unknown role "${name}": use one of ${[...ROLES, 'all'].join(', ')}`);
    }
    roles.add(name as Role);
  }
  return roles;
}

function usage(): string {
  return 'usage: npm start [-- --role poller|worker|discord|telegram|all[,...]]';
}
