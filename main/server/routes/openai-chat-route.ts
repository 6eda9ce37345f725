import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseJsonBody, validateBody } from '../../formats/decode-json.js';
import { openAiChatErrors } from '../../formats/openai-chat/encode-error.js';
import { chatRequestSchema } from '../../formats/openai-chat/request-schema.js';
import { resolveTarget } from '../../gateway/resolve-target.js';
import { UpstreamCallAborted } from '../../providers/call-upstream.js';
import { shuttingDown } from '../../errors/gateway-error.js';
import { cancelOnClose } from '../cancel-on-close.js';
import { pipeEventStream } from '../pipe-event-stream.js';
import type { Cancellation } from '../../util/cancellation.js';
import type { Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { sendUpstreamJson } from '../send-upstream-json.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';

const megabyte = 1024 * 1024;

/**
 * `POST /v1/chat/completions` to an OpenAI-family upstream: the body passes through unchanged but
 * for `model`, and the answer comes back byte for byte (SSE when the upstream streams).
 */
export function openAiChatRoute(context: RouterContext) {
  return async (req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> => {
    let cancellation: Cancellation | undefined;
    try {
      const settings = context.settings.current;
      const raw = await readRawBody(req, settings.maxRequestBodyMb * megabyte);
      const body = validateBody(chatRequestSchema, parseJsonBody(raw));
      const target = resolveTarget(context.catalog, body.model, locals(res).apiKey);
      body.model = target.upstreamModel;
      cancellation = cancelOnClose(res, context.inFlight);
      const provider = target.provider.record.name;
      const upstream = await target.provider.adapter.sendNative({
        endpoint: target.account.endpoint,
        body: Buffer.from(JSON.stringify(body)),
        cancellation,
        timeoutMs: settings.upstreamTimeoutMs,
      });
      res.setHeader('x-omniroute-provider', provider);
      res.setHeader('x-omniroute-model', target.publicModel);
      if (upstream.headers['content-type']?.startsWith('text/event-stream')) {
        await pipeEventStream({
          upstream,
          response: res,
          cancellation,
          idleTimeoutMs: settings.streamIdleTimeoutMs,
          errors: openAiChatErrors,
          provider,
        });
      } else {
        await sendUpstreamJson(upstream, res, provider);
      }
    } catch (error) {
      if (error instanceof UpstreamCallAborted) {
        // The client is gone and there is nobody to tell; but at shutdown it is still listening.
        if (cancellation?.reason === 'shutdown') next(shuttingDown());
        return;
      }
      next(error);
    }
  };
}
