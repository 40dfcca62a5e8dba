import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request; may be async. Unhandled paths get 404. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A request the server received, for assertions. */
export interface SeenRequest {
  method: string;
  /** Path with query string. */
  path: string;
  headers: IncomingHttpHeaders;
}

export interface TestHttpServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly port: number;
  /** Absolute URL of `path` on this server. */
  url(path: string): string;
  /** Adds or replaces the handler of an exact path (query string ignored). */
  route(path: string, handler: RouteHandler): void;
  /** Every request received so far, in arrival order. */
  readonly requests: SeenRequest[];
  /** Requests whose response has not finished yet. */
  readonly inFlight: number;
  /** Highest `inFlight` seen. */
  readonly maxInFlight: number;
  /** Stops listening and drops open connections (slow or hung handlers included). */
  close(): Promise<void>;
}

export interface TestHttpServerOptions {
  /** Address to listen on; default 127.0.0.1. Any 127.x.y.z works on Linux. */
  host?: string;
  /** Port; default 0 (any free port). */
  port?: number;
}

/** Starts a local HTTP server with path routes, for tests that need a real wire. */
export async function startHttpServer(
  routes: Record<string, RouteHandler> = {},
  options: TestHttpServerOptions = {},
): Promise<TestHttpServer> {
  const table = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight -= 1;
    };
    res.on('finish', done);
    res.on('close', done);
    const handler = table.get(path.split('?')[0] ?? '/');
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host}:${port}`;

  return {
    origin,
    port,
    url: (path) => new URL(path, origin).href,
    route: (path, handler) => void table.set(path, handler),
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
