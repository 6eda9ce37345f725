import { familyDefaults, findPreset, presets, supportedFamilies, type ProviderPreset } from '../../../main/providers/presets.js';

/**
 * The kinds a provider can be created with, straight from the server's own preset table (it is
 * plain data with no Node imports), so the list cannot drift from what the API accepts.
 */
export const kindGroups: { label: string; kinds: ProviderPreset[] }[] = [
  { label: 'Upstream families', kinds: Object.values(familyDefaults).filter(isSupported) },
  { label: 'Presets', kinds: Object.values(presets).filter(isSupported).sort((left, right) => left.label.localeCompare(right.label)) },
];

export function defaultBaseUrl(kind: string): string {
  return findPreset(kind)?.baseUrl ?? '';
}

export function kindLabel(kind: string): string {
  return findPreset(kind)?.label ?? kind;
}

export function isKeyless(kind: string): boolean {
  return findPreset(kind)?.keyless === true;
}

/** Only kinds whose family this build can route to are offered. */
function isSupported(kind: ProviderPreset): boolean {
  return supportedFamilies.includes(kind.family);
}
