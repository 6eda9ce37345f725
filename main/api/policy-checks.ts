import type { PolicyAction, PolicyMatch } from '../../shared/routing.js';
import { invalidRequest } from '../errors/gateway-error.js';
import type { RouterContext } from '../server/router-context.js';
import { describeRoutable, unresolvedReason } from './route-check.js';
import { proposedEnvironment } from './routing-environment.js';

/**
 * Refuses a policy naming a provider, an API key or a route target that does not exist. Only the
 * given parts are checked, so a policy whose provider was deleted can still be disabled or renamed.
 */
export function assertPolicyAllowed(context: RouterContext, { match, action }: { match?: PolicyMatch; action?: PolicyAction }): void {
  if (action?.type === 'route') {
    const environment = proposedEnvironment(context);
    const reason = unresolvedReason(environment, action.model);
    if (reason !== undefined) {
      throw invalidRequest(`The model '${action.model}' does not resolve to anything: ${reason}. ${describeRoutable(environment)}`, 'action.model');
    }
  } else if (action) {
    action.providers.forEach((name, index) => {
      if (!context.catalog.get(name)) {
        const names = context.catalog.list().map((provider) => provider.record.name);
        throw invalidRequest(`No provider named '${name}'. Providers: ${names.length ? names.join(', ') : 'none yet'}.`, `action.providers[${index}]`);
      }
    });
  }
  match?.apiKeyIds?.forEach((id, index) => {
    const key = context.store.apiKeys.get(id);
    if (!key || key.revokedAt !== null) throw invalidRequest(`No API key with id '${id}' (see GET /api/keys).`, `match.apiKeyIds[${index}]`);
  });
}
