import { after, before, beforeEach } from 'node:test';
import OpenAI from 'openai';
import { startAnthropicSimulator, type AnthropicSimulator } from './anthropic-simulator.js';
import { startOpenAiSimulator, type OpenAiSimulator } from './openai-simulator.js';
import { addCombo } from './routing-fixture.js';
import { startRouter, type TestRouter } from './start-router.js';

/** What the suites of OpenAI-only endpoints share; filled in by the `before` hook. */
export interface TwoOpenAiProviders {
  /** Providers `a` and `b`, both OpenAI-compatible, serving the same models. */
  a: OpenAiSimulator;
  b: OpenAiSimulator;
  /** Provider `claude`, of another family, which the endpoints must refuse or skip. */
  anthropic: AnthropicSimulator;
  router: TestRouter;
  /** The official SDK against the router, without retries. */
  client: OpenAI;
}

/**
 * The fixture of the endpoints only OpenAI-compatible providers serve (embeddings, images, audio,
 * videos): providers `a` and `b` with `models`, `claude` with `claudeModels`, and priority combos
 * `name -> [a/model, b/model]` (or any targets given). Registers the suite's hooks: started before
 * it, closed after, simulators and routing state reset before each test.
 */
export function twoOpenAiProviders(options: { models: string[]; claudeModels?: string[]; combos?: Record<string, string[]> }): TwoOpenAiProviders {
  const fixture = {} as TwoOpenAiProviders;
  const claudeModels = options.claudeModels ?? ['claude-sonnet-4-5'];
  before(async () => {
    const [a, b, anthropic] = await Promise.all([startOpenAiSimulator({ models: options.models }), startOpenAiSimulator({ models: options.models }), startAnthropicSimulator({ models: claudeModels })]);
    const router = await startRouter();
    await router.addProvider({ name: 'a', kind: 'openai', baseUrl: a.url, apiKey: a.apiKey, models: options.models });
    await router.addProvider({ name: 'b', kind: 'openai', baseUrl: b.url, apiKey: b.apiKey, models: options.models });
    await router.addProvider({ name: 'claude', kind: 'anthropic', baseUrl: anthropic.url, apiKey: anthropic.apiKey, models: claudeModels });
    for (const [name, targets] of Object.entries(options.combos ?? {})) await addCombo(router, { name, strategy: 'priority', targets: targets.map((model) => ({ model })) });
    Object.assign(fixture, { a, b, anthropic, router, client: new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0 }) });
  });
  after(async () => {
    await fixture.router?.close();
    await Promise.all([fixture.a?.close(), fixture.b?.close(), fixture.anthropic?.close()]);
  });
  beforeEach(() => {
    fixture.a.reset();
    fixture.b.reset();
    fixture.router.resetRouting();
  });
  return fixture;
}
