import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors.js';

/** Largest request body accepted, in bytes (the real Bot API takes up to 50 MB of files; text needs far less). */
const maxBodyBytes = 10 * 1024 * 1024;

/**
 * A method's parameters, from the query string and a JSON, form-urlencoded or multipart body, as grammY and
 * other clients send them. Form and query values are strings, so numbers, booleans and JSON-serialized objects
 * are coerced here the way the Bot API does.
 */
export class Params {
  constructor(readonly raw: Record<string, unknown>) {}

  has(name: string): boolean {
    const v = this.raw[name];
    return v !== undefined && v !== null && v !== '';
  }

  string(name: string): string | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  int(name: string): number | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    const n = typeof v === 'number' ? v : Number(String(v).trim());
    if (!Number.isInteger(n)) throw badRequest(`invalid ${name} specified`);
    return n;
  }

  bool(name: string): boolean | undefined {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v === 'boolean') return v;
    return ['true', '1'].includes(String(v).toLowerCase());
  }

  /** An object or array, given as such (JSON body) or as a JSON string (form, query). */
  json(name: string, invalid = `can't parse ${name} JSON object`): unknown {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') return undefined;
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v);
    } catch {
      throw badRequest(invalid);
    }
  }

  /** `chat_id`: an integer, or `@username` of a public chat. Throws `chat_id is empty` when missing. */
  chatId(name = 'chat_id'): number | string {
    const v = this.raw[name];
    if (v === undefined || v === null || v === '') throw badRequest('chat_id is empty');
    if (typeof v === 'number') return v;
    const s = String(v).trim();
    if (/^-?\d+$/.test(s)) return Number(s);
    if (/^@[A-Za-z0-9_]{4,32}$/.test(s)) return s;
    throw badRequest('chat not found');
  }
}

/** Reads a request's parameters. Throws ApiError 400 on a body that does not parse. */
export async function readParams(req: IncomingMessage, url: URL): Promise<Params> {
  const raw: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const body = await readBody(req);
  if (body.length === 0) return new Params(raw);
  const contentType = req.headers['content-type'] ?? '';
  const type = contentType.toLowerCase();
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw badRequest("can't parse JSON encoded request");
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw badRequest('JSON request must be an object');
    }
    Object.assign(raw, parsed);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(raw, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    for (const [key, value] of form.entries()) {
      raw[key] = typeof value === 'string' ? value : { file: value.name, size: value.size };
    }
  }
  return new Params(raw);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBodyBytes) throw badRequest('request entity too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
