/** Response headers as undici gives them (lower-case names; repeated headers as arrays). */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** One header's value, repeated values joined with `, ` as HTTP allows; undefined when absent. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Reads `Retry-After` in either form (delay in seconds, or an HTTP-date) as milliseconds from `nowMs`.
 * A date in the past gives 0; an unreadable value gives undefined.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = parseHttpDate(text);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

/**
 * The earliest sensible delay before polling again, in milliseconds, from the response's freshness:
 * `Cache-Control: max-age` (less `Age`), else `Expires` (against the server's `Date` when given, which
 * cancels out clock skew). Undefined when the response is not fresh for any time, or says nothing.
 */
export function minNextPollDelay(headers: ResponseHeaders, nowMs: number = Date.now()): number | undefined {
  const directives = parseCacheControl(headerValue(headers, 'cache-control'));
  if (directives.has('no-store') || directives.has('no-cache')) return undefined;
  const maxAge = directives.get('max-age');
  if (maxAge !== undefined) {
    if (!/^\d+$/.test(maxAge)) return undefined;
    const ageText = headerValue(headers, 'age')?.trim();
    const age = ageText && /^\d+$/.test(ageText) ? Number(ageText) : 0;
    return positive((Number(maxAge) - age) * 1000);
  }
  const expires = parseHttpDate(headerValue(headers, 'expires'));
  if (expires === undefined) return undefined;
  return positive(expires - (parseHttpDate(headerValue(headers, 'date')) ?? nowMs));
}

/** Every HTTP-date form names the month; requiring letters keeps Date.parse from reading "-5" or "0" as years. */
function parseHttpDate(text: string | undefined): number | undefined {
  if (!text || !/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

function positive(ms: number): number | undefined {
  return ms > 0 ? ms : undefined;
}

function parseCacheControl(value: string | undefined): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [name = '', ...rest] = part.split('=');
    const key = name.trim().toLowerCase();
    if (key) directives.set(key, rest.join('=').trim().replace(/^"(.*)"$/, '$1'));
  }
  return directives;
}
