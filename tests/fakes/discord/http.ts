import type { BucketSpec } from './rate-limits.js';
import type { FakeDiscordContext } from './context.js';
import type { ErrorTree } from './validate.js';

/** What a route handler answers. `body` undefined means 204 No Content. */
export interface RouteResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  ctx: FakeDiscordContext;
}

/** Which per-route bucket a request counts against. */
export interface BucketChoice {
  /** Names the limit (shared by requests with the same route and major resource). */
  route: string;
  major: string;
  spec: BucketSpec;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path under /api/v10 with `:name` parameters, e.g. `/channels/:channelId/messages`. */
  path: string;
  /** Needs `Authorization: Bot <token>` (interaction and webhook routes use their token in the path instead). */
  auth: boolean;
  /** Counts toward the 50/s global limit (Discord exempts interaction endpoints). */
  global: boolean;
  /** Scenario controls can fail "message" routes alone. */
  group: 'message' | 'other';
  bucket: (params: Record<string, string>, ctx: FakeDiscordContext) => BucketChoice;
  handle: (req: RouteRequest) => RouteResponse | Promise<RouteResponse>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): RouteResponse =>
  headers ? { status, body, headers } : { status, body };

/** Discord's error body: `{ message, code, errors? }`. */
export const apiError = (status: number, message: string, code: number, errors?: ErrorTree): RouteResponse =>
  json(status, errors ? { message, code, errors } : { message, code });

export const Errors = {
  unauthorized: () => apiError(401, '401: Unauthorized', 0),
  notFound: () => apiError(404, '404: Not Found', 0),
  unknownChannel: () => apiError(404, 'Unknown Channel', 10003),
  unknownGuild: () => apiError(404, 'Unknown Guild', 10004),
  unknownMember: () => apiError(404, 'Unknown Member', 10007),
  unknownMessage: () => apiError(404, 'Unknown Message', 10008),
  unknownWebhook: () => apiError(404, 'Unknown Webhook', 10015),
  unknownInteraction: () => apiError(404, 'Unknown interaction', 10062),
  unknownApplication: () => apiError(404, 'Unknown Application', 10002),
  missingAccess: () => apiError(403, 'Missing Access', 50001),
  missingPermissions: () => apiError(403, 'Missing Permissions', 50013),
  emptyMessage: () => apiError(400, 'Cannot send an empty message', 50006),
  cannotEditOthers: () => apiError(403, 'Cannot edit a message authored by another user', 50005),
  alreadyAcknowledged: () => apiError(400, 'Interaction has already been acknowledged.', 40060),
  invalidFormBody: (errors: ErrorTree) => apiError(400, 'Invalid Form Body', 50035, errors),
};

/** Compiles `/channels/:id/messages` into a matcher returning the parameters. */
export function compilePath(path: string): (actual: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const source = path
    .split('/')
    .map((part) => {
      if (part.startsWith(':')) {
        names.push(part.slice(1));
        return '([^/]+)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const re = new RegExp(`^${source}/?$`);
  return (actual) => {
    const m = re.exec(actual);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']));
  };
}
