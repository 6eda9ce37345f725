import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientFormatId } from '../formats/client-format.js';
import { requestPoliciesKey } from '../gateway/request-policies.js';
import type { SettingsService } from '../gateway/settings-service.js';
import { presentedKey } from '../server/client-auth.js';
import { pathOf, type Next } from '../server/middleware.js';
import { readRawBody } from '../server/read-raw-body.js';
import { locals } from '../server/request-context.js';
import type { Logger } from '../util/logger.js';
import { captureAnswer } from './answer-capture.js';
import { cacheDecision, mayHaveZeroTemperature, type CacheDecision } from './cache-policy.js';
import { isCompleteAnswer } from './complete-answer.js';
import { parseJsonObject } from './json-object.js';
import { trackProgress } from './progress.js';
import type { IdempotencyLeader, IdempotencyRegistry } from './idempotency-registry.js';
import { replayAnswer } from './replay-answer.js';
import { requestFingerprint } from './request-fingerprint.js';
import type { ResponseCache } from './response-cache.js';
import type { SemanticCache } from './semantic-cache.js';
import type { StoredAnswer } from './stored-answer.js';
import { requestHeader } from '../server/request-header.js';

const megabyte = 1024 * 1024;
const geminiModel = /^\/v1beta\/models\/(.+):\w+$/;

/** A request answered without reaching a route: what usage accounting needs to record it. */
export interface ReplayedAnswer {
  source: 'cache' | 'idempotent';
  requestId: string;
  /** The client format by path (`/api/generate` is `ollama` here; usage calls it `ollama-generate`). */
  format: ClientFormatId;
  path: string;
  apiKeyId: string | undefined;
  /** The model as the client named it (body `model`, or the Gemini URL's). */
  requestedModel: string | undefined;
  /** ms epoch when the request reached this middleware. */
  startedAt: number;
  /** Until the replay was fully written. */
  latencyMs: number;
  /** The answer as sent: status, headers (`x-omniroute-provider`, `x-omniroute-model`, `content-type`), body bytes. */
  answer: StoredAnswer;
}

export interface AnswerLayerOptions {
  settings: SettingsService;
  cache: ResponseCache;
  idempotency: IdempotencyRegistry;
  semantic?: SemanticCache;
  logger: Logger;
  /** Told about every answer served from the cache or an idempotent duplicate (usage accounting). */
  onReplay?: (replayed: ReplayedAnswer) => void;
  /**
   * For endpoints whose answer is a pure function of the body whatever its fields (embeddings):
   * every request may be cached, without the temperature rule chat requests follow.
   */
  deterministic?: boolean;
}

/**
 * Middleware in front of every chat route: idempotent duplicates and cache hits are answered here
 * and never reach the route; any other request goes on, with its answer recorded for the
 * duplicates waiting on it and, when complete and cacheable, for the cache. See docs/cache.md.
 */
export function answerLayer(options: AnswerLayerOptions) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    const startedAt = Date.now();
    const settings = options.settings.current;
    const cacheSetting = settings.responseCache;
    const idempotencyKey = header(req, 'idempotency-key') ?? header(req, 'x-request-id');
    const bypass = header(req, 'x-omniroute-no-cache')?.toLowerCase() === 'true';
    const progress = header(req, 'x-omniroute-progress')?.toLowerCase() === 'true';
    if (progress) trackProgress(res, { anthropicStream: locals(res).format === 'anthropic-messages' && (await isStreamRequest(req, settings.maxRequestBodyMb)) });
    if (!idempotencyKey && (!cacheSetting.enabled || bypass)) {
      if (cacheSetting.enabled) res.setHeader('x-omniroute-cache', 'BYPASS');
      next();
      return;
    }
    const raw = await readRawBody(req, settings.maxRequestBodyMb * megabyte);
    // Without a temperature of 0 a request samples: no need to parse it just to learn that.
    if (!idempotencyKey && !options.deterministic && !cacheSetting.cacheNonDeterministic && !mayHaveZeroTemperature(raw)) {
      res.setHeader('x-omniroute-cache', 'BYPASS');
      next();
      return;
    }
    const body = parseJsonObject(raw.toString('utf8'));
    // Not a JSON object: the route answers with the 400 in the client's envelope.
    if (!body) return next();

    const context = locals(res);
    const decision: CacheDecision = !cacheSetting.enabled || bypass ? 'excluded' : options.deterministic ? 'cache' : cacheDecision(context.format, body, cacheSetting.cacheNonDeterministic);
    const url = req.url ?? '';
    const path = pathOf(req);
    const request = { path, query: url.slice(path.length + 1), scope: context.apiKey?.id ?? 'anonymous', body };
    const fingerprint = requestFingerprint(request);
    // The route applies the request policies (system prompt, thinking budget) to the body after
    // this layer: an answer cached under other policies answers another request.
    const policies = requestPoliciesKey(settings);
    const cached = policies === '' ? request : { ...request, scope: `${request.scope}\n${policies}` };
    const cacheKey = policies === '' ? fingerprint : requestFingerprint(cached);
    const serve = async (source: ReplayedAnswer['source'], answer: StoredAnswer, headers: Record<string, string> = {}): Promise<void> => {
      await replayAnswer(res, answer, { ...(source === 'cache' ? { 'x-omniroute-cache': 'HIT' } : { 'x-omniroute-idempotent': 'true' }), ...headers });
      const fromUrl = geminiModel.exec(path)?.[1];
      const requestedModel = typeof body.model === 'string' ? body.model : fromUrl && decodeURIComponent(fromUrl);
      options.onReplay?.({ source, requestId: context.requestId, format: context.format, path, apiKeyId: context.apiKey?.id, requestedModel, startedAt, latencyMs: Date.now() - startedAt, answer });
    };

    let leader: IdempotencyLeader | undefined;
    if (idempotencyKey) {
      const scope = context.apiKey ? `key:${context.apiKey.id}` : `anonymous:${hashOf(presentedKey(req) ?? '')}`;
      for (;;) {
        const claim = options.idempotency.claim(`${scope}\n${idempotencyKey}`, fingerprint, settings.idempotencyWindowMs);
        if (claim.kind === 'leader') {
          leader = claim;
          break;
        }
        const answer = await claim.answer;
        if (answer) {
          await serve('idempotent', answer);
          return;
        }
        // The first request never completed (its client left): this one runs in its place.
      }
    }

    // Installed before anything can fail, so duplicates waiting on this request always learn its
    // outcome: an answer, the error the handler rendered, or nothing (the client left).
    let fresh = true;
    let semantic: Awaited<ReturnType<SemanticCache['lookup']>>;
    if (leader || decision === 'cache') {
      void captureAnswer(res, cacheSetting.maxBytes).then((answer) => {
        leader?.finish(answer);
        if (fresh && answer && decision === 'cache' && isCompleteAnswer(context.format, answer)) {
          try {
            options.cache.set(cacheKey, answer);
            semantic?.remember(cacheKey);
          } catch (error) {
            // A full disk must not fail requests: the answer was delivered already.
            options.logger.warn('response cache write failed', { requestId: context.requestId, cause: error });
          }
        }
      });
    }

    if (decision === 'cache') {
      const hit = options.cache.get(cacheKey);
      semantic = hit ? undefined : await options.semantic?.lookup(context.format, cached);
      const found = hit ?? semantic?.hit?.answer;
      if (found) {
        fresh = false;
        await serve('cache', found, semantic?.hit ? { 'x-omniroute-cache-similarity': semantic.hit.similarity.toFixed(4) } : {});
        return;
      }
      res.setHeader('x-omniroute-cache', 'MISS');
    } else if (cacheSetting.enabled) {
      res.setHeader('x-omniroute-cache', 'BYPASS');
    }
    next();
  };
}

/** Whether the body asks for a stream; a body that does not parse is the route's to refuse. */
async function isStreamRequest(req: IncomingMessage, maxRequestBodyMb: number): Promise<boolean> {
  return parseJsonObject((await readRawBody(req, maxRequestBodyMb * megabyte)).toString('utf8'))?.stream === true;
}

/** A header's value, an empty one counting as absent. */
function header(req: IncomingMessage, name: string): string | undefined {
  return requestHeader(req, name) || undefined;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
