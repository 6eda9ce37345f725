import { Router, type Request, type Response } from 'express';
import { proxyTestSchema, upstreamProxyFieldsSchema, upstreamProxySettingSchema, type ProxyTestResultDto, type UpstreamProxyViewDto } from '../../shared/proxy-settings.js';
import { z } from '../../shared/zod.js';
import { toGatewayError } from '../errors/gateway-error.js';
import { validateBody } from '../formats/decode-json.js';
import { callUpstream } from '../providers/call-upstream.js';
import { createEndpoint } from '../providers/upstream-endpoint.js';
import { describeProxy, proxyConfig, proxyFor, type ProxyConfig } from '../providers/upstream-proxy.js';
import type { RouterContext } from '../server/router-context.js';
import { Cancellation } from '../util/cancellation.js';

/** Where the test goes when the caller names no target: the first enabled provider's base URL, else OpenAI's. */
const defaultTestTarget = 'https://api.openai.com/v1';

/**
 * `/api/settings/proxy`: the `upstreamProxy` setting (GET, and PUT or PATCH with any of its
 * fields) with what is in effect, and `POST /api/settings/proxy/test`, which sends one request
 * through the proxy to a target and says what happened. Changing the setting rebuilds the
 * providers' connections (main/app.ts).
 */
export function proxySettingsRoutes(context: RouterContext): Router {
  const router = Router();

  router.get('/', (_req, res) => {
    res.json(view(context));
  });

  const update = async (req: Request, res: Response): Promise<void> => {
    const patch = validateBody(z.partial(upstreamProxyFieldsSchema), req.body);
    const next = validateBody(upstreamProxySettingSchema, { ...context.settings.current.upstreamProxy, ...patch });
    context.settings.update({ upstreamProxy: next });
    // The answer comes once the providers' connections follow the new route.
    await context.catalog.settled();
    res.json(view(context));
  };
  router.put('/', update);
  router.patch('/', update);

  // A probe: it reports what happened and never fails the HTTP call itself.
  router.post('/test', async (req, res) => {
    const input = validateBody(proxyTestSchema, req.body);
    const firstProvider = context.store.providers.list().find((provider) => provider.enabled)?.baseUrl;
    const target = new URL(input.target ?? firstProvider ?? defaultTestTarget);
    // A typed proxy is tried as saving it would route: with the exceptions in effect.
    const inEffect = context.catalog.proxyConfig();
    const typed = input.url ? proxyConfig({ url: input.url, noProxy: [] }, {}) : undefined;
    const config = typed ? { ...inEffect, https: typed.https, http: typed.http } : inEffect;
    const proxy = proxyFor(target, config);
    const endpoint = createEndpoint({ provider: target.host, baseUrl: target.href, headers: {}, proxy });
    const started = performance.now();
    let result: ProxyTestResultDto;
    try {
      // The base URL itself: any HTTP answer means the upstream was reached.
      const path = endpoint.basePath === '' || target.pathname.endsWith('/') ? '/' : '';
      const response = await callUpstream({ endpoint, method: 'GET', path, cancellation: Cancellation.timeout(16_000), timeoutMs: 15_000 });
      response.resume();
      const latencyMs = Math.round(performance.now() - started);
      result = { ok: true, proxy: proxy ? describeProxy(proxy) : null, target: target.href, latencyMs, message: `${target.host} answered HTTP ${response.statusCode ?? '?'}${proxy ? ` through the proxy ${describeProxy(proxy)}` : ' directly (no proxy applies to it)'}.` };
    } catch (error) {
      result = { ok: false, proxy: proxy ? describeProxy(proxy) : null, target: target.href, latencyMs: Math.round(performance.now() - started), message: toGatewayError(error).message };
    }
    res.json(result);
  });

  return router;
}

function view(context: RouterContext): UpstreamProxyViewDto {
  const setting = context.settings.current.upstreamProxy;
  const effective: ProxyConfig = context.catalog.proxyConfig();
  const shown = (url: URL | undefined): string | null => (url ? `${url.protocol}//${url.username || url.password ? '***@' : ''}${url.host}` : null);
  return {
    ...setting,
    effective: {
      https: shown(effective.https),
      http: shown(effective.http),
      noProxy: [...effective.noProxy],
      source: setting.url ? 'settings' : effective.https || effective.http ? 'environment' : 'none',
    },
  };
}
