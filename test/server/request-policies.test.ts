import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import { Ollama } from 'ollama';
import OpenAI from 'openai';
import { anthropicUpstream, openAiUpstream, type UpstreamDriver } from '../matrix/upstream-drivers.js';
import { geminiUpstream, ollamaUpstream, responsesUpstream } from '../matrix/upstream-more.js';
import { startRouter, type TestRouter } from '../support/start-router.js';

/**
 * The opt-in request policies (global system prompt, thinking budget) through the real server,
 * with the official SDKs as clients: for every client format, on passthrough to a same-format
 * upstream and translated to another family, what the upstream receives, the
 * `x-omniroute-policies` header and the usage record's notes.
 */

type Family = 'openai' | 'anthropic' | 'openai-responses' | 'gemini' | 'ollama';

const clientSystem = 'CLIENT SYSTEM TEXT';
const globalPrompt = 'GLOBAL POLICY PROMPT';

/** What a client sent and what it received, read on the wire by the SDK's fetch. */
interface Exchange {
  sent: Record<string, unknown>;
  headers: Headers;
}

function recordingFetch(exchanges: Exchange[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    exchanges.push({ sent: typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : {}, headers: response.headers });
    return response;
  };
}

/** The system text an upstream received, all of it in order, and its reasoning setting, per family. */
const read: Record<Family, { system(body: Record<string, unknown>): string; reasoning(body: Record<string, unknown>): unknown }> = {
  openai: {
    system: (body) => textsOf((body.messages as { role: string; content: unknown }[]).filter((message) => message.role === 'system' || message.role === 'developer').map((message) => message.content)),
    reasoning: (body) => body.reasoning_effort,
  },
  anthropic: {
    system: (body) => (typeof body.system === 'string' ? body.system : textsOf((body.system as { text: string }[] | undefined)?.map((block) => block.text) ?? [])),
    reasoning: (body) => body.thinking,
  },
  'openai-responses': {
    system: (body) => String(body.instructions ?? ''),
    reasoning: (body) => (body.reasoning as { effort?: unknown } | undefined)?.effort,
  },
  gemini: {
    system: (body) => textsOf(((body.systemInstruction as { parts?: { text?: string }[] } | undefined)?.parts ?? []).map((part) => part.text)),
    reasoning: (body) => (body.generationConfig as { thinkingConfig?: unknown } | undefined)?.thinkingConfig,
  },
  ollama: {
    system: (body) => textsOf((body.messages as { role: string; content: unknown }[]).filter((message) => message.role === 'system').map((message) => message.content)),
    reasoning: (body) => body.think,
  },
};

function textsOf(values: unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join('\n\n');
}

/** One client format: how it sends a request with its own system text and reasoning setting. */
interface ClientCase {
  name: string;
  /** The provider of the same family (passthrough), when the format has one. */
  passthrough?: { provider: string; family: Family };
  translated: { provider: string; family: Family };
  send(model: string): Promise<Exchange>;
  /** Passthrough: the upstream reasoning setting under a fixed budget of 4,096 tokens, and under `off`. */
  fixed4096?: unknown;
  off?: unknown;
  /** Translated: the upstream reasoning setting under a cap of 2,000 tokens. */
  capped2000: unknown;
}

describe('request policies: global system prompt and thinking budget', () => {
  const upstreams = new Map<string, UpstreamDriver>();
  const exchanges: Exchange[] = [];
  let router: TestRouter;
  let clients: ClientCase[];

  const lastExchange = (): Exchange => {
    const exchange = exchanges.at(-1);
    assert.ok(exchange, 'the client made a request');
    return exchange;
  };

  before(async () => {
    const started = await Promise.all([openAiUpstream(), anthropicUpstream(), responsesUpstream(), geminiUpstream(), ollamaUpstream()]);
    const names = ['oa', 'an', 'rs', 'gm', 'ol'];
    router = await startRouter();
    for (const [index, upstream] of started.entries()) {
      upstreams.set(names[index]!, upstream);
      await router.addProvider(upstream.provider(names[index]!));
    }
    const fetch = recordingFetch(exchanges);
    const openai = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0, fetch });
    const anthropic = new Anthropic({ baseURL: router.url, apiKey: 'unused', maxRetries: 0, fetch });
    const gemini = new GoogleGenAI({ apiKey: 'unused', httpOptions: { baseUrl: router.url, fetch } });
    const ollama = new Ollama({ host: router.url, fetch });
    clients = [
      {
        name: 'openai-chat',
        passthrough: { provider: 'oa', family: 'openai' },
        translated: { provider: 'an', family: 'anthropic' },
        async send(model) {
          await openai.chat.completions.create({
            model,
            messages: [
              { role: 'system', content: clientSystem },
              { role: 'user', content: 'Hi' },
            ],
            reasoning_effort: 'high',
            max_completion_tokens: 16000,
          });
          return lastExchange();
        },
        fixed4096: 'medium',
        off: 'minimal',
        // low is 2,048 tokens of thinking for an Anthropic upstream.
        capped2000: { type: 'enabled', budget_tokens: 2048 },
      },
      {
        name: 'anthropic-messages',
        passthrough: { provider: 'an', family: 'anthropic' },
        translated: { provider: 'gm', family: 'gemini' },
        async send(model) {
          await anthropic.messages.create({ model, max_tokens: 16000, system: clientSystem, messages: [{ role: 'user', content: 'Hi' }], thinking: { type: 'enabled', budget_tokens: 10000 } });
          return lastExchange();
        },
        fixed4096: { type: 'enabled', budget_tokens: 4096 },
        off: undefined,
        capped2000: { includeThoughts: true, thinkingBudget: 2000 },
      },
      {
        name: 'openai-responses',
        passthrough: { provider: 'rs', family: 'openai-responses' },
        translated: { provider: 'an', family: 'anthropic' },
        async send(model) {
          await openai.responses.create({ model, instructions: clientSystem, input: 'Hi', reasoning: { effort: 'high' }, max_output_tokens: 16000 });
          return lastExchange();
        },
        fixed4096: 'medium',
        off: 'minimal',
        capped2000: { type: 'enabled', budget_tokens: 2048 },
      },
      {
        name: 'gemini',
        passthrough: { provider: 'gm', family: 'gemini' },
        translated: { provider: 'an', family: 'anthropic' },
        async send(model) {
          await gemini.models.generateContent({
            model,
            contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
            config: { systemInstruction: clientSystem, maxOutputTokens: 16000, thinkingConfig: { thinkingBudget: 10000 } },
          });
          return lastExchange();
        },
        fixed4096: { thinkingBudget: 4096 },
        off: { thinkingBudget: 0 },
        capped2000: { type: 'enabled', budget_tokens: 2000 },
      },
      {
        name: 'ollama',
        passthrough: { provider: 'ol', family: 'ollama' },
        translated: { provider: 'oa', family: 'openai' },
        async send(model) {
          await ollama.chat({
            model,
            stream: false,
            messages: [
              { role: 'system', content: clientSystem },
              { role: 'user', content: 'Hi' },
            ],
            think: 'high',
          });
          return lastExchange();
        },
        fixed4096: 'medium',
        off: false,
        capped2000: 'low',
      },
      {
        // /api/generate never passes through: an Ollama upstream gets it as a chat.
        name: 'ollama-generate',
        translated: { provider: 'ol', family: 'ollama' },
        async send(model) {
          await ollama.generate({ model, stream: false, system: clientSystem, prompt: 'Hi', think: 'high' });
          return lastExchange();
        },
        capped2000: 'low',
      },
    ];
  });
  after(async () => {
    await router.close();
    await Promise.all([...upstreams.values()].map((upstream) => upstream.close()));
  });
  beforeEach(async () => {
    for (const upstream of upstreams.values()) upstream.reset();
    await setPolicies({ enabled: false }, { mode: 'passthrough' });
  });

  async function setPolicies(systemPrompt: Record<string, unknown>, thinkingBudget: Record<string, unknown>): Promise<void> {
    for (const [path, body] of [
      ['/api/settings/system-prompt', systemPrompt],
      ['/api/settings/thinking-budget', thinkingBudget],
    ] as const) {
      const response = await router.manage('PUT', path, body);
      assert.equal(response.status, 200, `${path}: ${await response.text()}`);
    }
  }

  const upstreamBody = (provider: string): Record<string, unknown> => {
    const seen = upstreams.get(provider)!.lastRequest();
    assert.ok(seen, `${provider} received the request`);
    return seen.body as Record<string, unknown>;
  };
  const modelOf = (provider: string): string => `${provider}/${upstreams.get(provider)!.model}`;
  const notesOf = async (exchange: Exchange): Promise<string[]> => {
    router.app.context.usage.flush();
    const logs = (await (await router.manage('GET', '/api/usage/logs?limit=100')).json()) as { data: { requestId: string; notes: string[] }[] };
    const record = logs.data.find((entry) => entry.requestId === exchange.headers.get('x-request-id'));
    assert.ok(record, 'a usage record for the request');
    return record.notes;
  };
  const assertOrder = (system: string, first: string, second: string): void => {
    assert.ok(system.includes(first) && system.includes(second), `both texts reach the upstream: ${JSON.stringify(system)}`);
    assert.ok(system.indexOf(first) < system.indexOf(second), `${first} comes before ${second}: ${JSON.stringify(system)}`);
  };

  const formats = ['openai-chat', 'anthropic-messages', 'openai-responses', 'gemini', 'ollama', 'ollama-generate'];
  for (const name of formats) {
    const clientCase = (): ClientCase => clients.find((candidate) => candidate.name === name)!;

    it(`${name}: with both policies off the upstream gets the client's body unchanged but for the model, and no header`, async (context) => {
      const { passthrough } = clientCase();
      if (!passthrough) return context.skip('no upstream speaks /api/generate: it is always translated');
      const exchange = await clientCase().send(modelOf(passthrough.provider));
      const expected = { ...exchange.sent };
      if ('model' in expected) expected.model = upstreams.get(passthrough.provider)!.model;
      assert.equal(JSON.stringify(upstreamBody(passthrough.provider)), JSON.stringify(expected));
      assert.equal(exchange.headers.get('x-omniroute-policies'), null);
      assert.deepEqual(await notesOf(exchange), []);
    });

    it(`${name}: prepended system prompt and a fixed budget reach a same-format upstream`, async (context) => {
      const { passthrough, fixed4096 } = clientCase();
      if (!passthrough) return context.skip('no upstream speaks /api/generate: it is always translated');
      await setPolicies({ enabled: true, prompt: globalPrompt, mode: 'prepend' }, { mode: 'fixed', budgetTokens: 4096 });
      const exchange = await clientCase().send(modelOf(passthrough.provider));
      const body = upstreamBody(passthrough.provider);
      assertOrder(read[passthrough.family].system(body), globalPrompt, clientSystem);
      assert.deepEqual(read[passthrough.family].reasoning(body), fixed4096);
      const header = exchange.headers.get('x-omniroute-policies') ?? '';
      assert.match(header, /^system prompt prepended \(20 chars\); /);
      assert.match(header, /4,096 tokens/);
      const notes = await notesOf(exchange);
      assert.equal(notes[0], 'system prompt prepended (20 chars)');
      assert.match(notes[1] ?? '', /4,096 tokens/);
      assert.equal(header, notes.join('; '));
    });

    it(`${name}: thinking off reaches a same-format upstream`, async (context) => {
      const { passthrough, off } = clientCase();
      if (!passthrough) return context.skip('no upstream speaks /api/generate: it is always translated');
      await setPolicies({ enabled: false }, { mode: 'off' });
      const exchange = await clientCase().send(modelOf(passthrough.provider));
      assert.deepEqual(read[passthrough.family].reasoning(upstreamBody(passthrough.provider)), off);
      assert.match(exchange.headers.get('x-omniroute-policies') ?? '', /^(thinking turned off|reasoning effort lowered)/);
      assert.match((await notesOf(exchange)).join('; '), /^(thinking turned off|reasoning effort lowered)/);
    });

    it(`${name}: appended system prompt and a capped budget survive translation to another family`, async () => {
      const { translated, capped2000 } = clientCase();
      await setPolicies({ enabled: true, prompt: globalPrompt, mode: 'append' }, { mode: 'cap', budgetTokens: 2000 });
      const exchange = await clientCase().send(modelOf(translated.provider));
      const body = upstreamBody(translated.provider);
      assertOrder(read[translated.family].system(body), clientSystem, globalPrompt);
      assert.deepEqual(read[translated.family].reasoning(body), capped2000);
      const notes = await notesOf(exchange);
      assert.equal(notes[0], 'system prompt appended (20 chars)');
      assert.match(notes[1] ?? '', /capped from (high|10,000) to /);
      assert.ok((exchange.headers.get('x-omniroute-policies') ?? '').startsWith(notes.slice(0, 2).join('; ')));
    });
  }

  it('a budget Anthropic would refuse is not applied: the request still succeeds and the note says why', async () => {
    await setPolicies({ enabled: false }, { mode: 'fixed', budgetTokens: 4096 });
    const anthropic = new Anthropic({ baseURL: router.url, apiKey: 'unused', maxRetries: 0, fetch: recordingFetch(exchanges) });
    const { response } = await anthropic.messages.create({ model: modelOf('an'), max_tokens: 1000, messages: [{ role: 'user', content: 'Hi' }] }).withResponse();
    assert.equal(response.status, 200);
    assert.equal('thinking' in upstreamBody('an'), false);
    const note = 'thinking budget not applied: the budget must be below max_tokens (1000)';
    assert.equal(response.headers.get('x-omniroute-policies'), note);
    assert.deepEqual(await notesOf(lastExchange()), [note]);
  });

  it('a changed system prompt is never answered from the cache made under the old one', async () => {
    const current = (await (await router.manage('GET', '/api/settings')).json()) as { responseCache: Record<string, unknown> };
    await router.manage('PUT', '/api/settings', { responseCache: { ...current.responseCache, enabled: true } });
    try {
      const openai = new OpenAI({ baseURL: `${router.url}/v1`, apiKey: 'unused', maxRetries: 0 });
      const ask = () => openai.chat.completions.create({ model: modelOf('oa'), temperature: 0, messages: [{ role: 'user', content: 'Cache me' }] }).withResponse();
      await setPolicies({ enabled: true, prompt: 'First prompt', mode: 'prepend' }, { mode: 'passthrough' });
      assert.equal((await ask()).response.headers.get('x-omniroute-cache'), 'MISS');
      assert.equal((await ask()).response.headers.get('x-omniroute-cache'), 'HIT', 'the same policies: the cached answer');
      await setPolicies({ enabled: true, prompt: 'Second prompt', mode: 'prepend' }, { mode: 'passthrough' });
      const changed = await ask();
      assert.equal(changed.response.headers.get('x-omniroute-cache'), 'MISS');
      assert.equal(read.openai.system(upstreamBody('oa')), 'Second prompt');
      await setPolicies({ enabled: false }, { mode: 'passthrough' });
      assert.equal((await ask()).response.headers.get('x-omniroute-cache'), 'MISS', 'without policies: another key again');
    } finally {
      await router.manage('PUT', '/api/settings', { responseCache: current.responseCache });
    }
  });
});
