import type { Route, RouteResponse } from './http.js';

/** Which routes a scenario affects: every route, or only message create/edit/fetch. */
export type ScenarioScope = 'all' | 'messages';

export interface FailureOptions {
  /** 500, 502 or 503. Default 500 for failNext, 503 for outage. */
  status?: number;
  /** Default `all`. */
  scope?: ScenarioScope;
}

/** Failures and slowness a test switches on: the server's side of "Discord is having a bad day". */
export class Scenario {
  private failures: Array<{ status: number; scope: ScenarioScope }> = [];
  private outageUntil = 0;
  private outageStatus = 503;
  private outageScope: ScenarioScope = 'all';
  private delayMs = 0;
  private delayScope: ScenarioScope = 'all';

  failNext(count: number, options: FailureOptions = {}): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ status: options.status ?? 500, scope: options.scope ?? 'all' });
  }

  /** `true` until switched off, `false` to end it, or an epoch time in ms when it ends by itself. */
  outage(on: boolean | number, options: FailureOptions = {}): void {
    this.outageUntil = on === true ? Number.POSITIVE_INFINITY : on === false ? 0 : on;
    this.outageStatus = options.status ?? 503;
    this.outageScope = options.scope ?? 'all';
  }

  delayResponses(ms: number, scope: ScenarioScope = 'all'): void {
    this.delayMs = ms;
    this.delayScope = scope;
  }

  delayFor(route: Route | undefined): number {
    return this.delayMs > 0 && applies(this.delayScope, route) ? this.delayMs : 0;
  }

  /** A server error to answer instead of handling the request, if one is due. */
  failureFor(route: Route | undefined): RouteResponse | undefined {
    if (Date.now() < this.outageUntil && applies(this.outageScope, route)) return serverError(this.outageStatus);
    const index = this.failures.findIndex((f) => applies(f.scope, route));
    if (index < 0) return undefined;
    const [failure] = this.failures.splice(index, 1);
    return serverError(failure?.status ?? 500);
  }

  reset(): void {
    this.failures = [];
    this.outageUntil = 0;
    this.delayMs = 0;
  }
}

const applies = (scope: ScenarioScope, route: Route | undefined) => scope === 'all' || route?.group === 'message';

/** 500 is Discord's JSON error; 502/503 come from the edge as HTML, as they do in production. */
function serverError(status: number): RouteResponse {
  if (status === 500) return { status, body: { message: '500: Internal Server Error', code: 0 } };
  const title = status === 502 ? '502 Bad Gateway' : `${status} Service Unavailable`;
  return { status, body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, headers: { 'Content-Type': 'text/html' } };
}
