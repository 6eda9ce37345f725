import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayError } from '../errors/gateway-error.js';
import type { ApiKeyIndex } from '../gateway/api-key-index.js';
import type { SettingsService } from '../gateway/settings-service.js';
import type { Next } from './middleware.js';
import { locals } from './request-context.js';

/** The key a client presents, in whichever header its SDK uses. */
export function presentedKey(req: IncomingMessage): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ') {
    return authorization.slice(7).trim();
  }
  const apiKey = req.headers['x-api-key'] ?? req.headers['x-goog-api-key'];
  if (typeof apiKey === 'string' && apiKey) return apiKey.trim();
  // Gemini clients may send the key as `?key=` instead of a header.
  const query = req.url?.indexOf('?') ?? -1;
  return query === -1 ? undefined : (new URLSearchParams(req.url?.slice(query + 1)).get('key') ?? undefined);
}

/**
 * Client API keys. When `requireApiKey` is on, a missing or unknown key is a 401; when it is off,
 * clients may send anything (agents insist on some key), and a valid key is still recognised.
 */
export function clientAuth(keys: ApiKeyIndex, settings: SettingsService) {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    const key = presentedKey(req);
    const entry = key ? keys.lookup(key) : undefined;
    if (entry) {
      locals(res).apiKey = entry;
      keys.markUsed(entry);
    } else if (settings.current.requireApiKey) {
      next(
        new GatewayError({
          code: 'unauthorized',
          status: 401,
          message: key
            ? 'Invalid API key. Use a key created in OmniRoute (Keys page or POST /api/keys).'
            : "Missing API key. Send 'Authorization: Bearer <key>' with a key created in OmniRoute (Keys page or POST /api/keys).",
        }),
      );
      return;
    }
    next();
  };
}
