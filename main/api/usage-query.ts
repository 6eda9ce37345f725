import { z } from '../../shared/zod.js';
import { validateBody } from '../formats/decode-json.js';
import { invalidRequest } from '../errors/gateway-error.js';
import type { UsageCursor, UsageFilter } from '../store/index.js';

/** A time in a query string: ms since the epoch, or an ISO 8601 date/time. */
const time = z.pipe(
  z.string().check(z.trim(), z.minLength(1)),
  z.transform((text: string, context) => {
    const at = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(at)) {
      // zod/mini's transform context has no addIssue: the issue classic's addIssue would push.
      context.issues.push({ code: 'custom', message: 'expected ms since the epoch or an ISO 8601 date', input: text });
      return z.NEVER;
    }
    return at;
  }),
);

const filterShape = {
  from: z.optional(time),
  to: z.optional(time),
  provider: z.optional(z.string().check(z.minLength(1), z.maxLength(256))),
  model: z.optional(z.string().check(z.minLength(1), z.maxLength(512))),
  keyId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
};

/** `?from&to&provider&model&keyId`: the filters shared by the usage endpoints. */
export const usageFilterSchema = z.strictObject(filterShape);

/** `GET /api/usage/logs` query. */
export const usageLogsQuerySchema = z.strictObject({
  ...filterShape,
  status: z.optional(z.union([z.enum(['error', 'success']), z.coerce.number().check(z.int(), z.minimum(100), z.maximum(599))])),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500)), 50),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0))),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

/** `GET /api/usage/history` query. */
export const usageHistoryQuerySchema = z.strictObject({ ...filterShape, granularity: z._default(z.enum(['hour', 'day']), 'day') });

/** Validates a query string (express's simple parser gives an object of strings). */
export function validateQuery<T>(schema: z.ZodMiniType<T>, query: unknown): T {
  return validateBody(schema, query ?? {});
}

export function toFilter(query: z.infer<typeof usageFilterSchema>): UsageFilter {
  return {
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
    ...(query.provider === undefined ? {} : { provider: query.provider }),
    ...(query.model === undefined ? {} : { model: query.model }),
    ...(query.keyId === undefined ? {} : { apiKeyId: query.keyId }),
  };
}

/** Opaque page token: the position of the last record of the previous page. */
export function encodeCursor(cursor: UsageCursor): string {
  return Buffer.from(`${cursor.startedAt}.${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): UsageCursor {
  const match = /^(\d+)\.(\d+)$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) throw invalidRequest("Invalid 'cursor': use the nextCursor of a previous page.", 'cursor');
  return { startedAt: Number(match[1]), id: Number(match[2]) };
}
