import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeDiscordContext } from './context.js';
import { compilePath, Errors, type Route, type RouteResponse } from './http.js';
import { applicationRoutes } from './routes/application.js';
import { guildRoutes } from './routes/guilds.js';
import { interactionOriginalRoutes } from './routes/interaction-original.js';
import { interactionRoutes } from './routes/interactions.js';
import { messageRoutes } from './routes/messages.js';
import type { Scenario } from './scenario.js';

const API_PREFIX = '/api/v10';
const routes = [...applicationRoutes, ...messageRoutes, ...guildRoutes, ...interactionRoutes, ...interactionOriginalRoutes].map((route) => ({
  route,
  match: compilePath(route.path),
}));

function findRoute(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const { route, match } of routes) {
    if (route.method !== method) continue;
    const params = match(path);
    if (params) return { route, params };
  }
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return { ok: true, value: undefined };
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    // Attachments are not modelled; the JSON part is enough for what Kazwire sends.
    const match = /name="payload_json"\r\n(?:Content-Type: [^\r\n]+\r\n)?\r\n([\s\S]*?)\r\n--/.exec(text);
    return match?.[1] ? parseJson(match[1]) : { ok: true, value: {} };
  }
  return parseJson(text);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The REST half of the fake: auth, scenario failures, rate limits, then the route. */
export function createRestHandler(ctx: FakeDiscordContext, scenario: Scenario) {
  const answer = async (req: IncomingMessage): Promise<{ response: RouteResponse; path: string; body: unknown }> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    // Clients percent-encode segments (`%40me`); Discord routes on the decoded path.
    const raw = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : '';
    const path = raw.split('/').map(safeDecode).join('/');
    const method = req.method ?? 'GET';
    const parsed = await readBody(req);
    const body = parsed.ok ? parsed.value : undefined;
    const found = path ? findRoute(method, path) : undefined;
    const delay = scenario.delayFor(found?.route);
    if (delay > 0) await sleep(delay);
    const failure = scenario.failureFor(found?.route);
    if (failure) return { response: failure, path, body };
    if (!found) return { response: Errors.notFound(), path, body };
    const { route, params } = found;
    if (route.auth && req.headers.authorization !== `Bot ${ctx.state.token}`) {
      return { response: Errors.unauthorized(), path, body };
    }
    if (!parsed.ok) return { response: { status: 400, body: { message: '400: Bad Request', code: 50109 } }, path, body };
    const bucket = route.bucket(params, ctx);
    const decision = ctx.limiter.take(`${route.method} ${bucket.route}`, bucket.major, bucket.spec, route.global);
    if (!decision.allowed) {
      const scope = decision.global ? 'global' : 'user';
      ctx.counters.rateLimited[scope] += 1;
      const retryAfter = Math.round(decision.retryAfter * 1000) / 1000;
      return {
        response: { status: 429, body: { message: 'You are being rate limited.', retry_after: retryAfter, global: decision.global }, headers: decision.headers },
        path,
        body,
      };
    }
    const response = await route.handle({ params, query: url.searchParams, body, ctx });
    return { response: { ...response, headers: { ...decision.headers, ...response.headers } }, path, body };
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const { response, path, body } = await answer(req);
    if (response.status === 401 || response.status === 403 || response.status === 429) ctx.counters.invalidRequests += 1;
    ctx.requests.push({ method: req.method ?? 'GET', path, status: response.status, body, at });
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...response.headers };
    if (response.body === undefined) {
      delete headers['Content-Type'];
      res.writeHead(response.status === 200 ? 204 : response.status, headers).end();
      return;
    }
    const payload = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    res.writeHead(response.status, headers).end(payload);
  };
}
