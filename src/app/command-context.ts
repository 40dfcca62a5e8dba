import { commandList } from '../../commands/index.js';
import { createCommandServices, type CommandServicesHandle } from '../commands/services-factory.js';
import type { Infrastructure } from './infrastructure.js';
import type { AppHttpServer } from './http-server.js';
import type { NewsServices } from './news-services.js';

/** What the platform roles share: the neutral command list, the services behind it, and the HTTP server. */
export interface CommandContext {
  commands: typeof commandList;
  services: CommandServicesHandle['services'];
  http: AppHttpServer;
  close(): Promise<void>;
}

export function createCommandContext(infra: Infrastructure, news: NewsServices, http: AppHttpServer): CommandContext {
  const handle = createCommandServices({
    config: infra.config,
    redis: infra.redis,
    keys: infra.keys,
    log: infra.logger.child({ module: 'commands' }),
    news,
  });
  return { commands: commandList, services: handle.services, http, close: () => handle.close() };
}
