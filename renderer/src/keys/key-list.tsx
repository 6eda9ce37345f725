import type { ApiKeyDto } from '../../../shared/api-types.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';

interface KeyListProps {
  keys: ApiKeyDto[];
  onDelete: (key: ApiKeyDto) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatDate(value: string | null): string {
  return value === null ? 'Never' : dateFormat.format(new Date(value));
}

/** The keys that exist, recognisable by their preview; full keys are never available here. */
export function KeyList({ keys, onDelete }: KeyListProps) {
  if (keys.length === 0) return <p className="empty">No keys yet.</p>;
  return (
    <DataTable columns={['Name', 'Key', 'Models', 'Created', 'Last used']} actions>
      {keys.map((key) => (
        <tr key={key.id} data-key={key.name}>
          <th scope="row">{key.name}</th>
          <td>
            <code>{key.preview}</code>
          </td>
          <td>{key.models === null ? 'All models' : key.models.join(', ')}</td>
          <td className="nowrap">{formatDate(key.createdAt)}</td>
          <td className="nowrap">{formatDate(key.lastUsedAt)}</td>
          <td className="cell-actions">
            <ConfirmButton label="Delete" question={`Delete key '${key.name}'? Clients using it stop working.`} confirmLabel="Yes, delete" onConfirm={() => onDelete(key)} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
