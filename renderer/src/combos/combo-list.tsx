import type { ComboDto } from '../../../shared/routing.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';

interface ComboListProps {
  combos: ComboDto[];
  onEdit: (combo: ComboDto) => void;
  onDelete: (combo: ComboDto) => void;
}

/** The combos, with their targets in order and any target that no longer resolves. */
export function ComboList({ combos, onEdit, onDelete }: ComboListProps) {
  if (combos.length === 0) return <p className="empty">No combos yet.</p>;
  return (
    <DataTable columns={['Name', 'Strategy', 'Targets', 'State']} actions>
      {combos.map((combo) => (
        <tr key={combo.id} data-combo={combo.name}>
          <th scope="row">
            <code>{combo.name}</code>
          </th>
          <td>{combo.strategy}</td>
          <td>
            <ol className="plain-list">
              {combo.targets.map((target, index) => (
                <li key={index}>
                  <code>{target.model}</code>
                  {combo.strategy === 'weighted' ? ` × ${target.weight}` : null}
                </li>
              ))}
            </ol>
            {combo.problems.map((problem) => (
              <p key={problem} className="message message-error" data-testid="combo-problem">
                {problem}
              </p>
            ))}
          </td>
          <td>{combo.enabled ? <span className="badge badge-ok">Enabled</span> : <span className="badge badge-muted">Disabled</span>}</td>
          <td className="cell-actions">
            <button type="button" className="button" onClick={() => onEdit(combo)}>
              Edit
            </button>{' '}
            <ConfirmButton label="Delete" question={`Delete combo '${combo.name}'? Clients asking for it get an error.`} confirmLabel="Yes, delete" onConfirm={() => onDelete(combo)} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
