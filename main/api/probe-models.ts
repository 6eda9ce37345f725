import type { ProviderTestResultDto } from '../../shared/api-types.js';
import { toGatewayError } from '../errors/gateway-error.js';

/**
 * Asks an upstream for its models and says what happened, as `POST /api/providers/{id}/test` and
 * `/validate` report it: a probe never fails the HTTP call, and a failure carries the upstream's
 * status only when the upstream itself answered.
 */
export async function probeModels(list: () => Promise<string[]>): Promise<ProviderTestResultDto & { models: string[] }> {
  const started = performance.now();
  try {
    const models = await list();
    return { ok: true, status: 200, latencyMs: Math.round(performance.now() - started), message: `Connected; the provider lists ${models.length} models.`, modelCount: models.length, models };
  } catch (error) {
    const failure = toGatewayError(error);
    const answered = failure.code === 'upstream_error' || failure.code === 'rate_limited';
    return { ok: false, status: answered ? failure.status : null, latencyMs: Math.round(performance.now() - started), message: failure.message, modelCount: null, models: [] };
  }
}
