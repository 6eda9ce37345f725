import OpenAI from 'openai';
import { startOpenAiSimulator, type OpenAiSimulator } from './openai-simulator.js';
import { startRouter, type TestRouter } from './start-router.js';

/** Three OpenAI-family upstreams behind one router: `a` (two accounts), `b` and `c`, all serving `m`. */
export interface RoutingFixture {
  router: TestRouter;
  client: OpenAI;
  a: OpenAiSimulator;
  b: OpenAiSimulator;
  c: OpenAiSimulator;
  /** The keys of `a`'s two accounts, in priority order. */
  aKeys: [string, string];
  /** Account ids of `a`, in priority order. */
  aAccounts: [string, string];
  /** Requests each upstream received since the last reset. */
  counts(): { a: number; b: number; c: number };
  /** Which of `a`'s keys each of its requests carried (0 or 1). */
  aKeyIndexes(): number[];
  reset(): void;
  close(): Promise<void>;
}

export const model = 'm';

export async function startRoutingFixture(): Promise<RoutingFixture> {
  const aKeys: [string, string] = ['sk-a-first-account-key', 'sk-a-second-account-key'];
  const [a, b, c] = await Promise.all([
    startOpenAiSimulator({ models: [model], apiKey: aKeys[0], extraApiKeys: [aKeys[1]] }),
    startOpenAiSimulator({ models: [model] }),
    startOpenAiSimulator({ models: [model] }),
  ]);
  const router = await startRouter();
  const providerA = await router.addProvider({ name: 'a', kind: 'openai', baseUrl: a.url, apiKey: aKeys[0], models: [model] });
  const added = await router.manage('POST', `/api/providers/${providerA.id}/accounts`, { label: 'second', apiKey: aKeys[1], priority: 1 });
  if (added.status !== 201) throw new Error(`adding an account: HTTP ${added.status} ${await added.text()}`);
  const accounts = ((await added.json()) as { accounts: { id: string }[] }).accounts.map((account) => account.id);
  await router.addProvider({ name: 'b', kind: 'openai', baseUrl: b.url, apiKey: b.apiKey, models: [model] });
  await router.addProvider({ name: 'c', kind: 'openai', baseUrl: c.url, apiKey: c.apiKey, models: [model] });
  const client = new OpenAI({ baseURL: router.url + '/v1', apiKey: 'unused', maxRetries: 0 });
  const fixture: RoutingFixture = {
    router,
    client,
    a,
    b,
    c,
    aKeys,
    aAccounts: [accounts[0] as string, accounts[1] as string],
    counts: () => ({ a: a.requests.length, b: b.requests.length, c: c.requests.length }),
    aKeyIndexes: () => a.requests.map((request) => aKeys.findIndex((key) => request.headers.authorization === `Bearer ${key}`)),
    reset() {
      a.reset();
      b.reset();
      c.reset();
      router.resetRouting();
    },
    async close() {
      await router.close();
      await Promise.all([a.close(), b.close(), c.close()]);
    },
  };
  return fixture;
}

/** Creates a combo through the management API (throws on a non-201). */
export async function addCombo(router: TestRouter, combo: { name: string; strategy: string; targets: { model: string; weight?: number }[] }): Promise<void> {
  const response = await router.manage('POST', '/api/combos', combo);
  if (response.status !== 201) throw new Error(`addCombo: HTTP ${response.status} ${await response.text()}`);
}

/** Which provider answered one chat request for `target` (its `x-omniroute-provider`). */
export async function answeringProvider(client: OpenAI, target: string, headers: Record<string, string> = {}): Promise<string | null> {
  const { response } = await client.chat.completions.create({ model: target, messages: [{ role: 'user', content: 'Hello' }] }, { headers }).withResponse();
  return response.headers.get('x-omniroute-provider');
}
