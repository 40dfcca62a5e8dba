import type { IncomingMessage, ServerResponse } from 'node:http';

/** A file a user attached to a slash command, as a test gives it. */
export interface AttachmentInput {
  /** The attachment option it fills. */
  option: string;
  filename: string;
  content: string | Buffer;
  /** Default `application/octet-stream`. */
  contentType?: string;
}

interface StoredAttachment {
  content: Buffer;
  contentType: string;
}

/**
 * Files attached to interactions, served like Discord's CDN serves them: at
 * `/ephemeral-attachments/<application>/<id>/<filename>` with signed query parameters, no authorization needed.
 */
export class AttachmentStore {
  private readonly files = new Map<string, StoredAttachment>();
  /** Downloads answered, for tests that check nothing was fetched. */
  downloads = 0;
  /** `http://127.0.0.1:PORT`, set once the server listens. */
  base = '';

  /**
   * Stores the files and returns what an INTERACTION_CREATE carries for them: one option per file (type 11,
   * its value the attachment id) and `resolved.attachments`.
   */
  resolve(applicationId: string, inputs: readonly AttachmentInput[], nextId: () => string) {
    const options: Array<{ name: string; type: 11; value: string }> = [];
    const attachments: Record<string, unknown> = {};
    for (const input of inputs) {
      const id = nextId();
      const content = Buffer.from(input.content);
      const contentType = input.contentType ?? 'application/octet-stream';
      const path = `/ephemeral-attachments/${applicationId}/${id}/${encodeURIComponent(input.filename)}`;
      this.files.set(path, { content, contentType });
      const expires = Math.floor(Date.now() / 1000 + 86_400).toString(16);
      const url = `${this.base}${path}?ex=${expires}&is=${expires}&hm=${id}`;
      options.push({ name: input.option, type: 11, value: id });
      attachments[id] = { id, filename: input.filename, size: content.length, url, proxy_url: url, content_type: contentType, ephemeral: true };
    }
    return { options, attachments };
  }

  /** Answers a CDN request; returns false for other paths. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    if (!path.startsWith('/ephemeral-attachments/')) return false;
    const file = this.files.get(path);
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('This content is no longer available.');
      return true;
    }
    this.downloads++;
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': String(file.content.length) }).end(file.content);
    return true;
  }
}
