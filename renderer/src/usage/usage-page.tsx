import { BudgetSection } from './budget-section.js';
import { PricingSection } from './pricing-section.js';
import { RequestLogSection } from './request-log-section.js';
import { UsageLogSection } from './usage-log-section.js';
import { UsageSummary } from './usage-summary.js';

/** Usage: what the router's requests cost and how they went, budgets on spending, and the prices behind the costs. */
export function UsagePage() {
  return (
    <>
      <p className="lead">Every request through the router is recorded with the tokens the upstream reported. Costs use the prices below.</p>
      <UsageSummary />
      <UsageLogSection />
      <BudgetSection />
      <PricingSection />
      <RequestLogSection />
    </>
  );
}
