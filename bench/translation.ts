/**
 * What translation costs: the same router, the same upstream (OpenAI format), asked once in the
 * upstream's own format (passthrough) and once as an Anthropic Messages client (decode to the
 * canonical hub, encode for OpenAI, translate the answer or the stream back), in alternating rounds.
 */
import type { BenchContext, PathUnderTest } from './context.js';
import type { Endpoint } from './endpoint.js';
import type { TranslationFigures, TranslationRun } from './figures.js';
import { LoadSession } from './load.js';

const rounds = 4;

export async function measureTranslation(context: BenchContext): Promise<TranslationFigures | undefined> {
  const router = context.paths.find((path) => path.endpoint.name === 'router');
  if (router?.proxy === undefined) return undefined;
  const translated = anthropicEndpoint(router.endpoint);
  const answer = await validate(translated);
  if (answer !== undefined) return { validation: answer };
  const requests = context.config.throughputRequests;
  return {
    validation: 'ok',
    nonStreaming: await alternate(router, translated, { requests, concurrency: context.config.throughputConcurrency, streaming: false }),
    streaming: await alternate(router, translated, { requests: Math.ceil(requests / 4), concurrency: context.config.throughputConcurrency, streaming: true }),
  };
}

/** The router endpoint, asked as an Anthropic client would: `/v1/messages` with the same prompt. */
function anthropicEndpoint(router: Endpoint): Endpoint {
  const openAiBody = JSON.parse(router.nonStreamingBody.toString('utf8')) as { model: string; messages: { role: string; content: string }[]; max_tokens: number; temperature: number };
  const system = openAiBody.messages.filter((message) => message.role === 'system').map((message) => message.content).join('\n');
  const messages = openAiBody.messages.filter((message) => message.role !== 'system');
  const body = (stream: boolean): Buffer =>
    Buffer.from(JSON.stringify({ model: openAiBody.model, system, messages, max_tokens: openAiBody.max_tokens, temperature: openAiBody.temperature, ...(stream ? { stream: true } : {}) }));
  return {
    ...router,
    path: '/v1/messages',
    headers: { 'content-type': 'application/json', 'x-api-key': router.headers.authorization?.replace(/^Bearer /, '') ?? 'bench', 'anthropic-version': '2023-06-01' },
    nonStreamingBody: body(false),
    streamingBody: body(true),
  };
}

/** One request must come back as an Anthropic message with text, or the path is not measured. */
async function validate(endpoint: Endpoint): Promise<string | undefined> {
  const session = await LoadSession.open(endpoint, 1);
  const run = await session.run({ requests: 1, streaming: false, keepBody: true });
  session.close();
  const result = run.results[0];
  if (result?.status !== 200) return `HTTP ${result?.status}: ${result?.content ?? result?.error ?? ''}`;
  const message = JSON.parse(result.content ?? '{}') as { type?: string; content?: { type: string; text?: string }[] };
  const text = message.content?.find((block) => block.type === 'text')?.text;
  return message.type === 'message' && text ? undefined : `not an Anthropic message: ${(result.content ?? '').slice(0, 200)}`;
}

async function alternate(
  router: PathUnderTest,
  translated: Endpoint,
  options: { requests: number; concurrency: number; streaming: boolean },
): Promise<{ passthrough: TranslationRun; translated: TranslationRun }> {
  const totals = { passthrough: emptyRun(), translated: emptyRun() };
  const perRound = Math.ceil(options.requests / rounds);
  for (let round = 0; round < rounds; round++) {
    for (const [name, endpoint] of [['passthrough', router.endpoint], ['translated', translated]] as const) {
      const session = await LoadSession.open(endpoint, options.concurrency);
      const before = await router.proxy?.cpuMicroseconds();
      const run = await session.run({ requests: perRound, streaming: options.streaming });
      const after = await router.proxy?.cpuMicroseconds();
      session.close();
      const total = totals[name];
      total.requests += run.results.length;
      total.failures += run.failures;
      total.cpuMicroseconds += (after ?? 0) - (before ?? 0);
    }
  }
  for (const total of Object.values(totals)) total.cpuMicrosecondsPerRequest = total.cpuMicroseconds / Math.max(1, total.requests);
  return totals;
}

function emptyRun(): TranslationRun {
  return { requests: 0, failures: 0, cpuMicroseconds: 0, cpuMicrosecondsPerRequest: 0 };
}
