import { z } from './zod.js';

/**
 * Which client addresses may use the router (`ipFilter` in the settings, also at
 * `/api/settings/ip-filter`). `allowlist`: only addresses in `allowlist`; `blocklist`: everyone
 * but those in `blocklist`; `off`: no filter. Entries are addresses or CIDR ranges, IPv4 or IPv6.
 * This machine (loopback) is always let in, so the filter cannot lock you out of your dashboard.
 */
export const ipFilterSettingSchema = z.strictObject({
  mode: z.enum(['off', 'allowlist', 'blocklist']),
  allowlist: z.array(addressEntry()).check(z.maxLength(256)),
  blocklist: z.array(addressEntry()).check(z.maxLength(256)),
});

export type IpFilterSetting = z.output<typeof ipFilterSettingSchema>;

export const defaultIpFilterSetting: IpFilterSetting = { mode: 'off', allowlist: [], blocklist: [] };

function addressEntry() {
  return z.string().check(
    z.trim(),
    z.refine((value) => parseAddressEntry(value) !== undefined, { message: 'must be an IP address or a CIDR range, e.g. 192.168.1.20, 192.168.1.0/24 or fd00::/8' }),
  );
}

/** An entry as an address, its family and prefix length; undefined when it is neither an address nor a range. */
export function parseAddressEntry(entry: string): { address: string; family: 'ipv4' | 'ipv6'; prefix: number } | undefined {
  const slash = entry.indexOf('/');
  const address = slash === -1 ? entry : entry.slice(0, slash);
  const family = isIpv4(address) ? 'ipv4' : isIpv6(address) ? 'ipv6' : undefined;
  if (family === undefined) return undefined;
  const bits = family === 'ipv4' ? 32 : 128;
  if (slash === -1) return { address, family, prefix: bits };
  const prefixText = entry.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { address, family, prefix: Number(prefixText) };
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255);
}

function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string): string[] | undefined => {
    if (half === '') return [];
    const groups = half.split(':');
    // An IPv4 tail (::ffff:192.0.2.1) stands for two groups.
    const last = groups.at(-1) ?? '';
    const tail = last.includes('.') ? (isIpv4(last) ? ['0', '0'] : undefined) : [];
    if (tail === undefined) return undefined;
    const hex = last.includes('.') ? groups.slice(0, -1) : groups;
    return hex.every((group) => /^[0-9a-f]{1,4}$/i.test(group)) ? [...hex, ...tail] : undefined;
  };
  const left = groupsOf(halves[0] ?? '');
  const right = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (!left || !right) return false;
  // An IPv4 tail is allowed only at the very end.
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return false;
  const count = left.length + right.length;
  return halves.length === 2 ? count <= 7 : count === 8;
}
