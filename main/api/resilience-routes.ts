import { Router } from 'express';
import { z } from '../../shared/zod.js';
import { resiliencePatchSchema } from '../../shared/resilience.js';
import { validateBody } from '../formats/decode-json.js';
import { failureRules } from '../gateway/routing/failure-rules.js';
import type { RouterContext } from '../server/router-context.js';

const resetSchema = z.strictObject({
  provider: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  accountId: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

/**
 * `/api/resilience`: fallback settings and the failure rule table (read-only: the rules are code,
 * shown so a user can see why a request moved on), and resetting cooldowns and breakers.
 */
export function resilienceRoutes(context: RouterContext): Router {
  const router = Router();
  const view = () => ({
    settings: context.settings.current.resilience,
    rules: failureRules.map((rule) => ({
      name: rule.name,
      ...(rule.statuses ? { statuses: rule.statuses } : {}),
      ...(rule.statusRange ? { statusRange: rule.statusRange } : {}),
      ...(rule.codes ? { codes: rule.codes } : {}),
      ...(rule.match ? { match: rule.match.source } : {}),
      action: rule.action,
      cooldown: rule.cooldown.kind === 'reset' ? `reset time announced by the upstream, else ${context.settings.current.resilience.cooldownMs[rule.name] ?? rule.cooldown.fallbackMs} ms` : 'none',
      flagsAccount: rule.flagAccount === true,
      tripsBreaker: rule.tripsBreaker === true,
    })),
  });
  router.get('/', (_req, res) => {
    res.json(view());
  });
  router.patch('/', (req, res) => {
    const patch = validateBody(resiliencePatchSchema, req.body);
    const current = context.settings.current.resilience;
    context.settings.update({ resilience: { ...current, ...patch, breaker: { ...current.breaker, ...patch.breaker } } });
    res.json(view());
  });
  router.post('/reset', (req, res) => {
    const filter = validateBody(resetSchema, req.body ?? {});
    const reset = context.engine.reset({
      ...(filter.provider !== undefined ? { provider: filter.provider } : {}),
      ...(filter.accountId !== undefined ? { accountId: filter.accountId } : {}),
    });
    res.json({ ok: true, reset });
  });
  return router;
}
