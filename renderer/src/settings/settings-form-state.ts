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

const proxyFields: readonly ProxyField[] = ['url', 'noProxy'];

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
  return parseSection('upstreamProxy', candidate, proxyFields, { field: 'url', message: 'The proxy setting is not valid.' });
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
  return sectionFieldOfParam('upstreamProxy', proxyFields, param);
}

/** The IP filter's inputs: its mode and both lists, one address or range per line (both kept while the mode changes). */
export interface IpFilterDraft {
  mode: IpFilterSetting['mode'];
  allowlist: string;
  blocklist: string;
}

type IpFilterField = 'allowlist' | 'blocklist';

const ipFilterFields: readonly IpFilterField[] = ['allowlist', 'blocklist'];

export type IpFilterErrors = Partial<Record<IpFilterField, string>>;

export function toIpFilterDraft(setting: IpFilterSetting): IpFilterDraft {
  return { mode: setting.mode, allowlist: setting.allowlist.join('\n'), blocklist: setting.blocklist.join('\n') };
}

/** Turns the IP filter's inputs into the `ipFilter` setting with the server's schema; a bad line is shown at its list. */
export function parseIpFilterDraft(draft: IpFilterDraft): { setting: IpFilterSetting } | { errors: IpFilterErrors } {
  const candidate = { mode: draft.mode, allowlist: splitList(draft.allowlist), blocklist: splitList(draft.blocklist) };
  return parseSection('ipFilter', candidate, ipFilterFields, { field: draft.mode === 'allowlist' ? 'allowlist' : 'blocklist', message: 'The IP filter is not valid.' });
}

/** The IP filter list a server error names, e.g. `ipFilter.blocklist[1]` -> blocklist. */
export function ipFilterFieldOfParam(param: string | undefined): IpFilterField | undefined {
  return sectionFieldOfParam('ipFilter', ipFilterFields, param);
}

/** The settings that are objects of their own, each with a section of the form. */
type SectionKey = 'upstreamProxy' | 'ipFilter';

/**
 * Checks one section's candidate with the schema the server enforces on `PUT /api/settings`. An
 * issue is shown at the field it names, a bad entry of a list with its line; an issue at none of
 * `fields` is shown at `fallback.field`.
 */
function parseSection<Section extends SectionKey, Field extends string>(
  section: Section,
  candidate: Record<Field, unknown>,
  fields: readonly Field[],
  fallback: { field: Field; message: string },
): { setting: NonNullable<SettingsPatch[Section]> } | { errors: Partial<Record<Field, string>> } {
  const result = settingsPatchSchema.safeParse({ [section]: candidate });
  const setting = result.success ? (result.data[section] as SettingsPatch[Section]) : undefined;
  if (setting) return { setting };
  const errors: Partial<Record<Field, string>> = {};
  for (const issue of result.error?.issues ?? []) {
    const [, key, index] = issue.path;
    const field = fields.find((name) => name === key);
    if (field === undefined || errors[field]) continue;
    const value = candidate[field];
    errors[field] = issue.message + (Array.isArray(value) && typeof index === 'number' ? ` (line ${index + 1}: ${String(value[index] ?? '')})` : '');
  }
  if (fields.every((field) => !errors[field])) errors[fallback.field] = result.error?.issues[0]?.message ?? fallback.message;
  return { errors };
}

/** The field of a section a server error names, e.g. `ipFilter.blocklist[1]` -> blocklist. */
function sectionFieldOfParam<Field extends string>(section: SectionKey, fields: readonly Field[], param: string | undefined): Field | undefined {
  if (!param?.startsWith(`${section}.`)) return undefined;
  const name = param.slice(section.length + 1).split(/[.[]/)[0];
  return fields.find((field) => field === name);
}
