/**
 * Errors answered the way Buddy answers them: `{"errors":[{"message":"..."}]}`. Handlers throw ApiError; the
 * server's error handler turns it (and any fastify client error) into that body, so no path can leak a stack trace.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly messages: string[];

  constructor(status: number, messages: string | string[]) {
    const list = Array.isArray(messages) ? messages : [messages];
    super(list.join("; "));
    this.status = status;
    this.messages = list;
  }
}

interface ErrorBody {
  errors: { message: string }[];
}

export function errorBody(messages: string[]): ErrorBody {
  return { errors: messages.map((message) => ({ message })) };
}

export const badRequest = (messages: string | string[]): ApiError => new ApiError(400, messages);
export const notFound = (message: string): ApiError => new ApiError(404, message);
export const forbidden = (message: string): ApiError => new ApiError(403, message);
