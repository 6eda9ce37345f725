import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.js';
import { settings as settingsApi } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { SettingInput } from './setting-input.js';
import { settingGroups, type FormSettingKey } from './settings-fields.js';
import { parseDraft, settingOfParam, toDraft, type SettingsDraft, type SettingsErrors } from './settings-form-state.js';

/** Settings: validated in the page with the server's own schema, saved as one document. */
export function SettingsPage() {
  const [draft, setDraft] = useState<SettingsDraft>();
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [formError, setFormError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    settingsApi.get().then(
      (current) => setDraft(toDraft(current)),
      (failure: unknown) => setFormError(errorMessage(failure)),
    );
  }, []);

  if (!draft) return formError ? <ErrorMessage message={formError} /> : <p className="loading">Loading settings…</p>;

  const change = <Key extends FormSettingKey>(key: Key, value: SettingsDraft[Key]): void => {
    setDraft({ ...draft, [key]: value });
    setStatus(undefined);
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setStatus(undefined);
    setFormError(undefined);
    const parsed = parseDraft(draft);
    if ('errors' in parsed) {
      setErrors(parsed.errors);
      if (Object.keys(parsed.errors).length === 0) setFormError('The settings are not valid.');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await settingsApi.update(parsed.settings);
      setDraft(toDraft(saved));
      setStatus('Settings saved.');
    } catch (failure) {
      const key = failure instanceof ApiError ? settingOfParam(failure.param) : undefined;
      if (key) setErrors({ [key]: errorMessage(failure) });
      else setFormError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="settings" onSubmit={(event) => void submit(event)} noValidate>
      {settingGroups.map((group) => (
        <fieldset key={group.title} className="card">
          <legend>{group.title}</legend>
          {group.keys.map((key) => (
            <SettingInput key={key} name={key} value={draft[key]} error={errors[key]} onChange={(value) => change(key, value)} />
          ))}
        </fieldset>
      ))}
      <ErrorMessage message={formError} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save settings'}
        </button>
        <p role="status" className="save-status">
          {status}
        </p>
      </div>
    </form>
  );
}
