import type { AccountStrategy } from '../../../shared/resilience.js';
import type { RuntimeAccount } from '../provider-catalog.js';
import type { AccountHealth } from './account-health.js';

/**
 * Orders a provider's accounts for one attempt sequence. Accounts that are cooling down stay in the
 * list (the plan skips them and reports why), so the order is only about preference:
 * - fill-first: the configured priority order; the first account takes everything until it is out;
 * - round-robin: rotates the starting account per request;
 * - least-used: the account with the fewest requests so far first;
 * - random: a fresh shuffle.
 */
export function orderAccounts(options: {
  strategy: AccountStrategy;
  provider: string;
  accounts: RuntimeAccount[];
  health: (account: RuntimeAccount) => AccountHealth;
  cursors: Map<string, number>;
  random: () => number;
}): RuntimeAccount[] {
  const { accounts } = options;
  if (accounts.length < 2) return accounts;
  switch (options.strategy) {
    case 'fill-first':
      return accounts;
    case 'round-robin': {
      const start = (options.cursors.get(options.provider) ?? 0) % accounts.length;
      options.cursors.set(options.provider, start + 1);
      return [...accounts.slice(start), ...accounts.slice(0, start)];
    }
    case 'least-used':
      return accounts
        .map((account, index) => ({ account, index, used: options.health(account).requests }))
        .sort((a, b) => a.used - b.used || a.index - b.index)
        .map((entry) => entry.account);
    case 'random': {
      const shuffled = [...accounts];
      for (let index = shuffled.length - 1; index > 0; index -= 1) {
        const other = Math.floor(options.random() * (index + 1));
        [shuffled[index], shuffled[other]] = [shuffled[other] as RuntimeAccount, shuffled[index] as RuntimeAccount];
      }
      return shuffled;
    }
  }
}
