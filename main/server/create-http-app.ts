import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { Router } from 'express';
import { authRoutes } from '../api/auth-routes.js';
import { recordReplay } from './routes/record-replay.js';
import { createCaches } from '../cache/create-caches.js';
import { jsonBody } from '../api/json-body.js';
import { GatewayError } from '../errors/gateway-error.js';
import { clientAuth } from './client-auth.js';
import { errorHandler } from './error-handler.js';
import { hostGuard } from './host-guard.js';
import { tunnelGuard } from './tunnel-guard.js';
import { chain, pathOf, type Middleware } from './middleware.js';
import { auditTrail } from './audit-trail.js';
import { lazyRouter } from './lazy-router.js';
import { loadClientFormat } from '../formats/client-formats.js';
import { acceptsChatRequest, chatRequestSchema } from '../formats/openai-chat/routing-schema.js';
import { acceptsAnthropicRequest, anthropicRoutingSchema } from '../formats/anthropic-messages/routing-schema.js';
import { acceptsOllamaChatRequest, ollamaChatRoutingSchema, ollamaGenerateRoutingSchema } from '../formats/ollama/routing-schema.js';
import { acceptsResponsesRequest, responsesRoutingSchema } from '../formats/openai-responses/routing-schema.js';
import { responsesState } from '../formats/openai-responses/responses-state.js';
import { sqliteResponseStore } from '../formats/openai-responses/sqlite-response-store.js';
import { ollamaModelRoutes } from './routes/ollama-routes.js';
import { geminiRoutes } from './routes/gemini-routes.js';
import { requestContext } from './request-context.js';
import type { RouterContext } from './router-context.js';
import { modelsRoute } from './routes/models-route.js';
import { chatRoute } from './routes/chat-route.js';
import { countTokensRoute } from './routes/count-tokens-route.js';
import { openAiJsonRoute } from './routes/openai-json-route.js';
import { endpointModelsRoute } from './routes/endpoint-models-route.js';
import { embeddingsEndpoint, imageGenerationsEndpoint } from '../formats/openai-json-endpoints.js';
import { pinProvider } from './pin-provider.js';
import { taskRoute } from './routes/task-route.js';
import { TaskRegistry } from '../tasks/task-registry.js';
import { uiRoutes } from './routes/ui-route.js';

/**
 * The HTTP request listener. Order matters: request id first (every answer carries one), then the
 * Host and Origin guard (before anything reads a body or a credential), then authentication per
 * surface, routes, and last the single error handler.
 *
 * Everything is an express app, except that the chat endpoints, which agents call all day, run the
 * very same middleware through a lean chain: express's routing and request decoration cost more
 * CPU than the rest of the proxy path.
 */
export function createHttpApp(context: RouterContext, options: { uiDir?: string; now?: () => number } = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const guard = hostGuard(context.policy);
  const authenticateClient = clientAuth(context.apiKeys, context.settings);
  const chatCompletions = chatRoute(context, { loadFormat: () => loadClientFormat('openai-chat'), routingSchema: chatRequestSchema, quickAccept: acceptsChatRequest });
  const messages = chatRoute(context, { loadFormat: () => loadClientFormat('anthropic-messages'), routingSchema: anthropicRoutingSchema, quickAccept: acceptsAnthropicRequest });
  const responses = chatRoute(context, {
    loadFormat: () => loadClientFormat('openai-responses'),
    routingSchema: responsesRoutingSchema,
    quickAccept: acceptsResponsesRequest,
    state: responsesState(sqliteResponseStore(context.store.responses)),
  });
  const ollamaChat = chatRoute(context, { loadFormat: () => loadClientFormat('ollama'), routingSchema: ollamaChatRoutingSchema, quickAccept: acceptsOllamaChatRequest });
  // No upstream takes a generate body as it is: always through the hub.
  const ollamaGenerate = chatRoute(context, { loadFormat: () => loadClientFormat('ollama-generate'), routingSchema: ollamaGenerateRoutingSchema, passthrough: false });
  const handleError = errorHandler(context.logger);
  const throughTunnel = tunnelGuard(context.policy);
  // Idempotent duplicates and cached answers are served in front of every chat route.
  const caches = createCaches(context, { onReplay: recordReplay(context), ...(options.now ? { now: options.now } : {}) });
  const answers = caches.middleware;
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');

  app.use(requestContext);
  app.use(guard);

  const client = Router();
  client.use(authenticateClient);
  client.post('/chat/completions', answers, chatCompletions);
  client.post('/messages', answers, messages);
  client.post('/messages/count_tokens', countTokensRoute(context));
  client.get('/models', modelsRoute(context));
  client.post('/responses', answers, responses);
  client.post('/api/chat', answers, ollamaChat);
  const embeddings = openAiJsonRoute(context, embeddingsEndpoint);
  // `?async=true` image tasks, kept in memory for an hour after they finish (as long as image URLs last).
  const imageTasks = new TaskRegistry<unknown>({ prefix: 'imgtask', retainMs: 60 * 60 * 1000, maxTasks: 500 });
  const images = openAiJsonRoute(context, imageGenerationsEndpoint, imageTasks);
  client.post('/embeddings', caches.embeddingsMiddleware, embeddings);
  client.get('/embeddings', endpointModelsRoute(context, embeddingsEndpoint));
  client.post('/images/generations', images);
  client.get('/images/generations', endpointModelsRoute(context, imageGenerationsEndpoint));
  client.get('/images/generations/:task_id', taskRoute(imageTasks));
  // Loaded on the first audio request: starting the router and routing agents' chat never need it.
  const audio = lazyRouter(() => import('./routes/audio-route.js').then((module) => module.audioRoutes(context)));
  client.use('/audio', audio);
  client.use('/videos', lazyRouter(() => import('./routes/videos-route.js').then((module) => module.videosRoutes(context))));
  // `/v1/providers/{provider}/...`: the same routes, pinned to one provider (see pin-provider.ts).
  const pinned = pinProvider(context.catalog);
  client.post('/providers/:provider/chat/completions', pinned, answers, chatCompletions);
  client.post('/providers/:provider/embeddings', pinned, caches.embeddingsMiddleware, embeddings);
  client.post('/providers/:provider/images/generations', pinned, images);
  client.get('/providers/:provider/images/generations/:task_id', pinned, taskRoute(imageTasks));
  client.use('/providers/:provider/audio', pinned, audio);
  app.use('/v1', client);
  // The queue protocol of the API reference, over the same image tasks as `?async=true`.
  app.use('/model/v1/queue', authenticateClient, lazyRouter(() => import('./routes/queue-route.js').then((module) => module.queueRoute(context, imageTasks))));

  app.use(geminiRoutes(context, authenticateClient, answers));

  // Ollama's client API shares the `/api` prefix with the management API, so it is routed first.
  const ollama = Router();
  ollama.use(['/chat', '/generate', '/tags', '/show', '/version'], authenticateClient);
  ollama.post('/chat', answers, ollamaChat);
  ollama.post('/generate', answers, ollamaGenerate);
  ollama.use(ollamaModelRoutes(context));
  app.use('/api', ollama);

  const management = Router();
  // First, so that refusals (through a tunnel, without sign-in) are in the audit trail too.
  management.use(auditTrail({ auth: context.adminAuth, log: context.store.auditLog }));
  // Before sign-in and authentication: nothing of the management surface answers through a tunnel.
  management.use(throughTunnel);
  management.use(jsonBody);
  management.use('/auth', authRoutes(context));
  management.use(context.adminAuth.middleware());
  // Loaded on the first management call: routing agents' requests never needs it.
  management.use(lazyRouter(() => import('./management-routes.js').then((module) => module.managementRoutes(context, caches))));
  app.use('/api', management);

  app.use(throughTunnel);
  app.use(uiRoutes(context, options.uiDir));

  app.use((req, _res, next) => {
    next(new GatewayError({ code: 'not_found', status: 404, message: `No route for ${req.method} ${req.path}.` }));
  });
  app.use(handleError);

  const hot = (route: Middleware) => chain([requestContext, guard, authenticateClient, answers, route], handleError);
  const hotRoutes = new Map([
    ['/v1/chat/completions', hot(chatCompletions)],
    ['/v1/messages', hot(messages)],
    ['/v1/responses', hot(responses)],
    ['/api/chat', hot(ollamaChat)],
    ['/v1/api/chat', hot(ollamaChat)],
  ]);
  return (req, res) => {
    const fast = req.method === 'POST' ? hotRoutes.get(pathOf(req)) : undefined;
    if (fast) fast(req, res);
    else app(req, res);
  };
}
