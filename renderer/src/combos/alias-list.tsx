import type { ModelAliasDto } from '../../../shared/routing.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';

interface AliasListProps {
  aliases: ModelAliasDto[];
  onDelete: (alias: ModelAliasDto) => void;
}

/** Aliases and wildcard routes, each with where it sends requests. */
export function AliasList({ aliases, onDelete }: AliasListProps) {
  if (aliases.length === 0) return <p className="empty">No aliases yet.</p>;
  return (
    <DataTable columns={['Alias', 'Model']} actions>
      {aliases.map((entry) => (
        <tr key={entry.alias} data-alias={entry.alias}>
          <th scope="row">
            <code>{entry.alias}</code>
          </th>
          <td>
            <code>{entry.model}</code>
          </td>
          <td className="cell-actions">
            <ConfirmButton label="Delete" question={`Delete alias '${entry.alias}'?`} confirmLabel="Yes, delete" onConfirm={() => onDelete(entry)} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
