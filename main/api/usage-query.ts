import { z } from 'zod';
import { validateBody } from '../formats/decode-json.js';
import { invalidRequest } from '../errors/gateway-error.js';
import type { UsageCursor, UsageFilter } from '../store/index.js';

/** A time in a query string: ms since the epoch, or an ISO 8601 date/time. */
const time = z
  .string()
  .trim()
  .min(1)
  .transform((text, context) => {
    const at = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
    if (!Number.isFinite(at)) {
      context.addIssue({ code: 'custom', message: 'expected ms since the epoch or an ISO 8601 date' });
      return z.NEVER;
    }
    return at;
  });

const filterShape = {
  from: time.optional(),
  to: time.optional(),
  provider: z.string().min(1).max(256).optional(),
  model: z.string().min(1).max(512).optional(),
  keyId: z.string().min(1).max(100).optional(),
};

/** `?from&to&provider&model&keyId`: the filters shared by the usage endpoints. */
export const usageFilterSchema = z.strictObject(filterShape);

/** `GET /api/usage/logs` query. */
export const usageLogsQuerySchema = z.strictObject({
  ...filterShape,
  status: z.union([z.enum(['error', 'success']), z.coerce.number().int().min(100).max(599)]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).optional(),
  cursor: z.string().min(1).max(100).optional(),
});

/** `GET /api/usage/history` query. */
export const usageHistoryQuerySchema = z.strictObject({ ...filterShape, granularity: z.enum(['hour', 'day']).default('day') });

/** Validates a query string (express's simple parser gives an object of strings). */
export function validateQuery<T>(schema: z.ZodType<T>, query: unknown): T {
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
