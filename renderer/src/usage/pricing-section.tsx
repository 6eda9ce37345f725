import { useState } from 'react';
import type { PriceDto } from '../../../shared/usage-types.js';
import { errorMessage } from '../api/client.js';
import { pricing } from '../api/endpoints.js';
import { useApiList } from '../api/use-api-list.js';
import { ConfirmButton } from '../components/confirm-button.js';
import { DataTable } from '../components/data-table.js';
import { ErrorMessage } from '../components/error-message.js';
import { PricingForm } from './pricing-form.js';

const shownMatches = 25;
const perMillion = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 4 });
const price = (value: number | null): string => (value === null ? 'as input' : perMillion.format(value));

/**
 * Prices, compactly: the user's own prices always, the shipped table (hundreds of rows) only as
 * matches of a search.
 */
export function PricingSection() {
  const { items, error, setError, reload } = useApiList(pricing.list);
  const [search, setSearch] = useState('');
  const term = search.trim().toLowerCase();
  const matching = items?.filter((row) => (term === '' ? row.source === 'custom' : row.model.includes(term))) ?? [];

  const reset = async (row: PriceDto): Promise<void> => {
    try {
      await pricing.reset(row.model);
      await reload();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  return (
    <section className="card" aria-labelledby="pricing-title">
      <h2 id="pricing-title">Prices</h2>
      <label className="inline-field">
        <span>Find a model</span>
        <input type="search" value={search} placeholder="e.g. claude" onChange={(event) => setSearch(event.target.value)} />
      </label>
      <ErrorMessage message={error} />
      {items && matching.length === 0 ? <p className="empty">{term === '' ? `No prices of your own; ${items.length} shipped prices apply. Search to see them.` : 'No price matches.'}</p> : null}
      {matching.length > 0 ? (
        <DataTable columns={['Model', { label: 'Input / 1M', numeric: true }, { label: 'Output / 1M', numeric: true }, { label: 'Cached / 1M', numeric: true }, 'Source']} actions compact label={term === '' ? 'Your prices' : 'Matching prices'}>
          {matching.slice(0, shownMatches).map((row) => (
            <tr key={row.model} data-price={row.model}>
              <th scope="row">
                <code>{row.model}</code>
              </th>
              <td className="numeric">{price(row.input)}</td>
              <td className="numeric">{price(row.output)}</td>
              <td className="numeric">{price(row.cachedInput)}</td>
              <td>{row.source === 'custom' ? <span className="badge">yours</span> : <span className="badge badge-muted">shipped</span>}</td>
              <td className="cell-actions">
                {row.source === 'custom' ? <ConfirmButton label="Remove" question={`Remove your price for ${row.model}? A shipped price, if any, applies again.`} confirmLabel="Yes, remove" onConfirm={() => void reset(row)} /> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {matching.length > shownMatches ? <p className="hint">{matching.length - shownMatches} more match; refine the search.</p> : null}
      <PricingForm onSaved={() => void reload()} />
    </section>
  );
}
