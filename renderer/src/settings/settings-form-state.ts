import type { IpFilterSetting } from '../../../shared/ip-filter.js';
import { proxyTestSchema, type UpstreamProxySetting } from '../../../shared/proxy-settings.js';
import { settingsPatchSchema, type Settings, type SettingsPatch } from '../../../shared/settings.js';
import { splitList } from '../components/split-list.js';
import { settingFields, type FormSettingKey } from './settings-fields.js';

/** What the inputs hold: numbers and lists as the text the user typed. */
export type SettingsDraft = { [Key in FormSettingKey]: Settings[Key] extends boolean ? boolean : string };

export type SettingsErrors = Partial<Record<FormSettingKey, string>>;

export function toDraft(settings: Settings): SettingsDraft {
  return {
    requireApiKey: settings.requireApiKey,
    maxRequestBodyMb: String(settings.maxRequestBodyMb),
    upstreamTimeoutMs: String(settings.upstreamTimeoutMs),
    streamIdleTimeoutMs: String(settings.streamIdleTimeoutMs),
    shutdownGraceMs: String(settings.shutdownGraceMs),
    allowedHosts: settings.allowedHosts.join('\n'),
    allowedOrigins: settings.allowedOrigins.join('\n'),
  };
}

/**
 * Turns the draft into settings with the same zod schema the server enforces, so mistakes are
 * shown next to their field before anything is sent.
 */
export function parseDraft(draft: SettingsDraft): { settings: SettingsPatch } | { errors: SettingsErrors } {
  const errors: SettingsErrors = {};
  const candidate: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(draft) as [FormSettingKey, SettingsDraft[FormSettingKey]][]) {
    const field = settingFields[key];
    if (field.kind === 'boolean') candidate[key] = value;
    else if (field.kind === 'list') candidate[key] = splitList(String(value));
    else {
      const text = String(value).trim();
      const number = Number(text);
      if (text === '' || !Number.isFinite(number)) errors[key] = 'Enter a number.';
      else candidate[key] = number;
    }
  }
  const result = settingsPatchSchema.safeParse(candidate);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [key, index] = issue.path;
      if (typeof key !== 'string' || !(key in settingFields)) continue;
      const name = key as FormSettingKey;
      if (errors[name]) continue;
      const entry = typeof index === 'number' ? ` (line ${index + 1}: ${String((candidate[name] as unknown[])[index])})` : '';
      errors[name] = issue.message + entry;
    }
  }
  if (Object.keys(errors).length > 0 || !result.success) return { errors };
  return { settings: result.data };
}

/** The setting a server error names, e.g. `allowedOrigins[2]` -> allowedOrigins. */
export function settingOfParam(param: string | undefined): FormSettingKey | undefined {
  const key = param?.split(/[.[]/)[0];
  return key !== undefined && key in settingFields ? (key as FormSettingKey) : undefined;
}

/** The upstream proxy's inputs: its URL (blank: the environment's, if any) and the exceptions, one per line. */
export interface ProxyDraft {
  url: string;
  noProxy: string;
}

export type ProxyField = keyof ProxyDraft;

export type ProxyErrors = Partial<Record<ProxyField, string>>;

export function toProxyDraft(setting: UpstreamProxySetting): ProxyDraft {
  return { url: setting.url ?? '', noProxy: setting.noProxy.join('\n') };
}

/** The typed proxy URL as the setting holds it: null when blank. */
function proxyUrlOf(draft: ProxyDraft): string | null {
  const url = draft.url.trim();
  return url === '' ? null : url;
}

/**
 * Turns the proxy inputs into the `upstreamProxy` setting with the schema the server enforces on
 * `PUT /api/settings` (no credentials in the URL, http only, no blank exception), so a refusal is
 * shown at its field before anything is sent.
 */
export function parseProxyDraft(draft: ProxyDraft): { setting: UpstreamProxySetting } | { errors: ProxyErrors } {
  const candidate = { url: proxyUrlOf(draft), noProxy: splitList(draft.noProxy) };
  const result = settingsPatchSchema.safeParse({ upstreamProxy: candidate });
  if (result.success && result.data.upstreamProxy) return { setting: result.data.upstreamProxy };
  const errors: ProxyErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const [, key, index] = issue.path;
    if ((key !== 'url' && key !== 'noProxy') || errors[key]) continue;
    const entry = key === 'noProxy' && typeof index === 'number' ? ` (line ${index + 1}: ${candidate.noProxy[index] ?? ''})` : '';
    errors[key] = issue.message + entry;
  }
  if (!errors.url && !errors.noProxy) errors.url = result.error?.issues[0]?.message ?? 'The proxy setting is not valid.';
  return { errors };
}

/**
 * What `POST /api/settings/proxy/test` is sent for the typed URL: that URL, or nothing (the proxy in
 * effect) when it is blank; checked with the server's schema first.
 */
export function proxyTestInput(draft: ProxyDraft): { input: { url?: string } } | { error: string } {
  const url = proxyUrlOf(draft);
  if (url === null) return { input: {} };
  const result = proxyTestSchema.safeParse({ url });
  return result.success ? { input: { url } } : { error: result.error.issues[0]?.message ?? 'Not a proxy URL.' };
}

/** The proxy field a server error names, e.g. `upstreamProxy.noProxy[1]` -> noProxy. */
export function proxyFieldOfParam(param: string | undefined): ProxyField | undefined {
  const match = /^upstreamProxy\.(url|noProxy)(?:$|[.[])/.exec(param ?? '');
  return match?.[1] as ProxyField | undefined;
}

/** The IP filter's inputs: its mode and both lists, one address or range per line (both kept while the mode changes). */
export interface IpFilterDraft {
  mode: IpFilterSetting['mode'];
  allowlist: string;
  blocklist: string;
}

export type IpFilterErrors = Partial<Record<'allowlist' | 'blocklist', string>>;

export function toIpFilterDraft(setting: IpFilterSetting): IpFilterDraft {
  return { mode: setting.mode, allowlist: setting.allowlist.join('\n'), blocklist: setting.blocklist.join('\n') };
}

/** Turns the IP filter's inputs into the `ipFilter` setting with the server's schema; a bad line is shown at its list. */
export function parseIpFilterDraft(draft: IpFilterDraft): { setting: IpFilterSetting } | { errors: IpFilterErrors } {
  const candidate = { mode: draft.mode, allowlist: splitList(draft.allowlist), blocklist: splitList(draft.blocklist) };
  const result = settingsPatchSchema.safeParse({ ipFilter: candidate });
  if (result.success && result.data.ipFilter) return { setting: result.data.ipFilter };
  const errors: IpFilterErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const [, key, index] = issue.path;
    if ((key !== 'allowlist' && key !== 'blocklist') || errors[key]) continue;
    errors[key] = issue.message + (typeof index === 'number' ? ` (line ${index + 1}: ${candidate[key][index] ?? ''})` : '');
  }
  if (!errors.allowlist && !errors.blocklist) errors[draft.mode === 'allowlist' ? 'allowlist' : 'blocklist'] = result.error?.issues[0]?.message ?? 'The IP filter is not valid.';
  return { errors };
}

/** The IP filter list a server error names, e.g. `ipFilter.blocklist[1]` -> blocklist. */
export function ipFilterFieldOfParam(param: string | undefined): 'allowlist' | 'blocklist' | undefined {
  const match = /^ipFilter\.(allowlist|blocklist)(?:$|[.[])/.exec(param ?? '');
  return match?.[1] as 'allowlist' | 'blocklist' | undefined;
}
