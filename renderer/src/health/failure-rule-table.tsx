import type { FailureRuleDto } from '../../../shared/routing-state-types.js';
import { DataTable } from '../components/data-table.js';

interface FailureRuleTableProps {
  rules: FailureRuleDto[];
}

const actions: Record<FailureRuleDto['action'], string> = {
  'retry-same': 'Retry the same account',
  'next-account': 'Next account, then next target',
  'next-target': 'Next target',
  fatal: 'Return the error',
};

function matches(rule: FailureRuleDto): string {
  const parts = [
    rule.statuses ? `HTTP ${rule.statuses.join(', ')}` : undefined,
    rule.statusRange ? `HTTP ${rule.statusRange[0]}–${rule.statusRange[1]}` : undefined,
    rule.codes ? rule.codes.join(', ') : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'any status';
}

/** The failure rules, first match wins: read-only, they are part of the router. */
export function FailureRuleTable({ rules }: FailureRuleTableProps) {
  return (
    <DataTable columns={['Rule', 'When', 'Then', 'Cooldown']} compact label="Failure rules">
      {rules.map((rule) => (
        <tr key={rule.name} data-rule={rule.name}>
          <th scope="row">
            <code>{rule.name}</code>
          </th>
          <td>
            {matches(rule)}
            {rule.match ? (
              <span className="hint block">
                and the message matches <code className="code-wrap">{rule.match}</code>
              </span>
            ) : null}
          </td>
          <td>
            {actions[rule.action] ?? rule.action}
            {rule.flagsAccount ? <span className="hint block">Flags the account’s key</span> : null}
            {rule.tripsBreaker ? <span className="hint block">Counts toward the breaker</span> : null}
          </td>
          <td>{rule.cooldown}</td>
        </tr>
      ))}
    </DataTable>
  );
}
