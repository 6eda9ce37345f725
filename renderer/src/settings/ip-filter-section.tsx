import { describedBy, Field } from '../components/field.js';
import type { IpFilterDraft, IpFilterErrors } from './settings-form-state.js';

interface IpFilterSectionProps {
  draft: IpFilterDraft;
  errors: IpFilterErrors;
  onChange: (draft: IpFilterDraft) => void;
}

const modes: { mode: IpFilterDraft['mode']; label: string }[] = [
  { mode: 'off', label: 'Off: any address' },
  { mode: 'allowlist', label: 'Only these addresses' },
  { mode: 'blocklist', label: 'Everyone but these addresses' },
];

/** Which client addresses may use the router, saved with the page's other settings. */
export function IpFilterSection({ draft, errors, onChange }: IpFilterSectionProps) {
  const list = draft.mode === 'allowlist' ? 'allowlist' : 'blocklist';
  const listId = `setting-ipFilter-${list}`;
  return (
    <fieldset className="card" data-testid="ip-filter">
      <legend>IP filter</legend>
      <p className="hint block">
        For a router that listens beyond this machine (<code>--host</code>): which client addresses it serves. This machine is always let in, so the filter cannot lock you out
        of this dashboard. A tunnel’s clients come in through its daemon on this machine; they need an API key instead.
      </p>
      <div role="radiogroup" aria-label="Who may connect" className="field">
        {modes.map((option) => (
          <label key={option.mode} className="radio">
            <input type="radio" name="ipFilter-mode" value={option.mode} checked={draft.mode === option.mode} onChange={() => onChange({ ...draft, mode: option.mode })} />
            {option.label}
          </label>
        ))}
      </div>
      {draft.mode === 'off' ? null : (
        <Field
          id={listId}
          label={draft.mode === 'allowlist' ? 'Allowed addresses' : 'Blocked addresses'}
          hint={
            <>
              One per line: an address (<code>192.168.1.20</code>) or a range (<code>192.168.1.0/24</code>, <code>fd00::/8</code>), IPv4 or IPv6.
            </>
          }
          error={errors[list]}
        >
          <textarea
            id={listId}
            rows={4}
            spellCheck={false}
            placeholder="192.168.1.0/24"
            value={draft[list]}
            onChange={(event) => onChange({ ...draft, [list]: event.target.value })}
            aria-invalid={errors[list] ? true : undefined}
            aria-describedby={describedBy(listId, { hint: true, error: errors[list] })}
          />
        </Field>
      )}
    </fieldset>
  );
}
