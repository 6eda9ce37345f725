
export type SettingKind = 'boolean' | 'number' | 'list';

export interface SettingField {
  label: string;
  hint: string;
  kind: SettingKind;
  /** Shown after number inputs. */
  unit?: 'MB' | 'ms';
  /** Placeholder for list inputs. */
  example?: string;
}

/**
 * The settings this form edits: the scalar ones. Structured settings (resilience, system prompt,
 * thinking budget, request logs, ...) have their own pages and endpoints.
 */
export type FormSettingKey = 'requireApiKey' | 'maxRequestBodyMb' | 'upstreamTimeoutMs' | 'streamIdleTimeoutMs' | 'shutdownGraceMs' | 'allowedHosts' | 'allowedOrigins';

/** How each setting of the form is presented; a key added to `FormSettingKey` does not compile until it has a place here. */
export const settingFields: Record<FormSettingKey, SettingField> = {
  requireApiKey: {
    label: 'Require an API key',
    hint: 'Every client request must carry a key from the API keys page. Turn on before exposing the router beyond this machine.',
    kind: 'boolean',
  },
  allowedHosts: {
    label: 'Allowed hosts',
    hint: 'Extra host names the router answers to, one per line (e.g. a tunnel’s). Loopback names are always allowed.',
    kind: 'list',
    example: 'my-tunnel.example.com',
  },
  allowedOrigins: {
    label: 'Allowed browser origins',
    hint: 'Web pages allowed to call the router (CORS), one per line. This dashboard is always allowed.',
    kind: 'list',
    example: 'https://app.example.com',
  },
  maxRequestBodyMb: { label: 'Largest request body', hint: 'Larger client requests are refused with HTTP 413.', kind: 'number', unit: 'MB' },
  upstreamTimeoutMs: { label: 'Upstream timeout', hint: 'How long to wait for a provider to start answering.', kind: 'number', unit: 'ms' },
  streamIdleTimeoutMs: { label: 'Stream idle timeout', hint: 'A stream silent this long is ended with an error.', kind: 'number', unit: 'ms' },
  shutdownGraceMs: { label: 'Shutdown grace period', hint: 'How long running requests may finish when the router stops.', kind: 'number', unit: 'ms' },
};

export const settingGroups: { title: string; keys: FormSettingKey[] }[] = [
  { title: 'Access', keys: ['requireApiKey', 'allowedHosts', 'allowedOrigins'] },
  { title: 'Limits and timeouts', keys: ['maxRequestBodyMb', 'upstreamTimeoutMs', 'streamIdleTimeoutMs', 'shutdownGraceMs'] },
];

/** "600000" ms -> "10 min", to make large millisecond values readable next to the input. */
export function describeDuration(milliseconds: number): string | undefined {
  if (!Number.isFinite(milliseconds) || milliseconds < 0) return undefined;
  if (milliseconds < 1000) return `${milliseconds} ms`;
  const seconds = milliseconds / 1000;
  if (seconds < 60) return `${round(seconds)} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${round(minutes)} min`;
  return `${round(minutes / 60)} h`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
