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
