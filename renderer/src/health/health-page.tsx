import { useEffect, useState } from 'react';
import type { ResilienceViewDto } from '../../../shared/routing-state-types.js';
import { errorMessage } from '../api/client.js';
import { routingState } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { FailureRuleTable } from './failure-rule-table.js';
import { ResilienceForm } from './resilience-form.js';
import { RoutingStateSection } from './routing-state-section.js';
import { SessionSection } from './session-section.js';

/** Health: where routing stands (cooldowns, breakers, latency) and the settings and rules that drive it. */
export function HealthPage() {
  const [resilience, setResilience] = useState<ResilienceViewDto>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    routingState.resilience().then(setResilience, (failure: unknown) => setError(errorMessage(failure)));
  }, []);

  return (
    <>
      <p className="lead">A failed attempt moves the request on by the rules below; the account may sit out a cooldown, and repeated failures open its breaker.</p>
      <RoutingStateSection />
      <SessionSection />
      <ErrorMessage message={error} />
      {resilience ? <ResilienceForm settings={resilience.settings} onSaved={(settings) => setResilience({ ...resilience, settings })} /> : null}
      {resilience ? (
        <section aria-labelledby="rules-title">
          <h2 id="rules-title">Failure rules</h2>
          <p className="hint">First match wins. Cooldowns without an announced reset time can be changed per rule with PATCH /api/resilience (cooldownMs).</p>
          <FailureRuleTable rules={resilience.rules} />
        </section>
      ) : null}
    </>
  );
}
