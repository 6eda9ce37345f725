import { z } from './zod.js';

/**
 * The proxy upstream calls go through (`upstreamProxy` in the settings, also at
 * `/api/settings/proxy`). `url` null: the environment's `HTTPS_PROXY`/`HTTP_PROXY` apply, as most
 * tools read them. A URL here holds no credentials: settings are stored in SQLite, which never
 * holds a secret, so an authenticating proxy is set with `HTTPS_PROXY=http://user:pass@host:port`
 * in the router's environment instead.
 */
export const upstreamProxyFieldsSchema = z.strictObject({
  url: z.nullable(
    z.url({ protocol: /^http$/, error: 'url must be an http:// proxy URL, e.g. http://proxy.example.com:3128' }).check(
      z.refine((value) => !/^[a-z]+:\/\/[^/@]*@/i.test(value), {
        message: 'url must not hold credentials (settings are not a place for secrets): set HTTPS_PROXY=http://user:pass@host:port in the environment instead',
      }),
    ),
  ),
  /** Hosts that never go through the proxy, as NO_PROXY writes them: `example.com` (and its subdomains), `host:port`, an IP address, a CIDR range, `*`. */
  noProxy: z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(253))).check(z.maxLength(256)),
});

export const upstreamProxySettingSchema = upstreamProxyFieldsSchema;
export type UpstreamProxySetting = z.output<typeof upstreamProxySettingSchema>;

/** Direct unless the environment names a proxy; a proxy never sees calls to this machine's own servers (Ollama, LM Studio). */
export const defaultUpstreamProxySetting: UpstreamProxySetting = { url: null, noProxy: ['localhost', '127.0.0.1', '::1'] };

/** `GET /api/settings/proxy`: the setting, and what is in effect (the environment's proxies with their credentials hidden). */
export interface UpstreamProxyViewDto extends UpstreamProxySetting {
  effective: { https: string | null; http: string | null; noProxy: string[]; source: 'settings' | 'environment' | 'none' };
}

/** `POST /api/settings/proxy/test`: a CONNECT through the proxy in effect (or `url`) to `target`. */
export const proxyTestSchema = z.strictObject({
  url: z.optional(upstreamProxyFieldsSchema.shape.url),
  target: z.optional(z.url({ protocol: /^https?$/, error: 'target must be an http(s) URL' })),
});

export interface ProxyTestResultDto {
  ok: boolean;
  /** The proxy tried (address only), or null when the target goes direct. */
  proxy: string | null;
  target: string;
  latencyMs: number;
  message: string;
}
