import type { ReplayedAnswer } from '../../cache/answer-layer.js';
import { tokenFieldsOf, type UsageEntry } from '../../usage/usage-entry.js';
import type { RouterContext } from '../router-context.js';

/**
 * Usage records for answers served from the response cache or replayed to an idempotent
 * duplicate: no upstream was called, so no tokens were spent and none are claimed (null), and the
 * record says where the answer came from.
 */
export function recordReplay(context: RouterContext): (replayed: ReplayedAnswer) => void {
  return (replayed) => {
    const { headers } = replayed.answer;
    const contentType = headers['content-type'] ?? '';
    const model = headers['x-omniroute-model'] ?? null;
    context.usage.record({
      requestId: replayed.requestId,
      startedAt: replayed.startedAt,
      clientFormat: clientFormatOf(replayed),
      apiKeyId: replayed.apiKeyId ?? null,
      provider: headers['x-omniroute-provider'] ?? null,
      accountId: null,
      requestedModel: replayed.requestedModel ?? '',
      model,
      status: replayed.answer.status,
      errorCode: null,
      stream: contentType.startsWith('text/event-stream') || contentType.startsWith('application/x-ndjson'),
      // No upstream was called: no tokens spent, none claimed.
      ...tokenFieldsOf(undefined),
      latencyMs: replayed.latencyMs,
      ttftMs: null,
      cacheHit: replayed.source === 'cache',
      fallback: false,
      attempts: 0,
      notes: [replayed.source === 'cache' ? 'served from the response cache' : 'idempotent replay of an earlier identical request'],
    });
  };
}

function clientFormatOf(replayed: ReplayedAnswer): UsageEntry['clientFormat'] {
  if (replayed.path === '/api/generate') return 'ollama-generate';
  if (replayed.path.endsWith('/embeddings')) return 'openai-embeddings';
  return replayed.format === 'management' ? 'openai-chat' : replayed.format;
}
