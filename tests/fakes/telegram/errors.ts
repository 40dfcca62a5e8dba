/** A Bot API error answer: `{ ok: false, error_code, description, parameters? }` with the same HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = 'ApiError';
  }

  toJSON(): Record<string, unknown> {
    return {
      ok: false,
      error_code: this.code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

/** 400 `Bad Request: <detail>`, the most common answer. */
export const badRequest = (detail: string, parameters?: ApiError['parameters']) =>
  new ApiError(400, `Bad Request: ${detail}`, parameters);

export const forbidden = (detail: string) => new ApiError(403, `Forbidden: ${detail}`);

export const tooManyRequests = (retryAfter: number) =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

export const unauthorized = () => new ApiError(401, 'Unauthorized');

export const notFound = () => new ApiError(404, 'Not Found');

/** Descriptions Telegram (or its nginx front) gives for server-side failures. */
export const serverErrorDescriptions: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
