import type { ManagementErrorDto } from '../../../shared/api-types.js';

/** A failed management API call, carrying the server's error envelope when there was one. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  /** The offending field, as the server names it (`name`, `baseUrl`, `allowedOrigins[0]`, ...). */
  readonly param: string | undefined;

  constructor(options: { message: string; status: number; code: string; requestId?: string; param?: string }) {
    super(options.message);
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.param = options.param;
  }
}

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => {};

/** Called when the session ends under the page (token changed, cookie gone), to show sign-in again. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

/**
 * Calls the management API on our own origin. Relative URLs keep every call same-origin, so the
 * browser attaches the HttpOnly session cookie and, on changes, the Origin header the server demands.
 * A body is sent as JSON, except a file (a Blob), which goes as it is, as application/octet-stream.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  const contentType = body instanceof Blob ? 'application/octet-stream' : 'application/json';
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': contentType },
      ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError({ message: 'Could not reach OmniRoute. Is the router still running?', status: 0, code: 'network_error' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed = parseJson(text);
  if (response.ok) return parsed as T;
  const envelope = (parsed as Partial<ManagementErrorDto> | undefined)?.error;
  if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
  throw new ApiError({
    message: envelope?.message ?? `OmniRoute answered HTTP ${response.status}.`,
    status: response.status,
    code: envelope?.code ?? 'http_error',
    ...(envelope?.requestId ? { requestId: envelope.requestId } : {}),
    ...(envelope?.param ? { param: envelope.param } : {}),
  });
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The message to show for anything thrown by an API call. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
