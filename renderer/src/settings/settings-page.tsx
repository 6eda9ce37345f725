import { useEffect, useState, type FormEvent } from 'react';
import type { UpstreamProxyViewDto } from '../../../shared/proxy-settings.js';
import { ApiError, errorMessage } from '../api/client.js';
import { proxySettings, settings as settingsApi } from '../api/endpoints.js';
import { ErrorMessage } from '../components/error-message.js';
import { AuditLogSection } from './audit-log-section.js';
import { IpFilterSection } from './ip-filter-section.js';
import { ProxySection } from './proxy-section.js';
import { SettingInput } from './setting-input.js';
import { settingGroups, type FormSettingKey } from './settings-fields.js';
import {
  ipFilterFieldOfParam,
  parseDraft,
  parseIpFilterDraft,
  parseProxyDraft,
  proxyFieldOfParam,
  settingOfParam,
  toDraft,
  toIpFilterDraft,
  toProxyDraft,
  type IpFilterDraft,
  type IpFilterErrors,
  type ProxyDraft,
  type ProxyErrors,
  type ProxyField,
  type SettingsDraft,
  type SettingsErrors,
} from './settings-form-state.js';

/** Settings: validated in the page with the server's own schema, saved as one document. */
export function SettingsPage() {
  const [draft, setDraft] = useState<SettingsDraft>();
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [proxyDraft, setProxyDraft] = useState<ProxyDraft>();
  const [proxyErrors, setProxyErrors] = useState<ProxyErrors>({});
  const [proxyView, setProxyView] = useState<UpstreamProxyViewDto>();
  const [proxyViewError, setProxyViewError] = useState<string>();
  const [ipDraft, setIpDraft] = useState<IpFilterDraft>();
  const [ipErrors, setIpErrors] = useState<IpFilterErrors>({});
  /** Bumped after each save, so the activity list shows it. */
  const [saves, setSaves] = useState(0);
  const [formError, setFormError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);

  /** What is in effect comes from the router, which merges the setting with its environment. */
  const loadProxyView = async (): Promise<void> => {
    try {
      setProxyView(await proxySettings.get());
      setProxyViewError(undefined);
    } catch (failure) {
      setProxyViewError(errorMessage(failure));
    }
  };

  useEffect(() => {
    settingsApi.get().then(
      (current) => {
        setDraft(toDraft(current));
        setProxyDraft(toProxyDraft(current.upstreamProxy));
        setIpDraft(toIpFilterDraft(current.ipFilter));
      },
      (failure: unknown) => setFormError(errorMessage(failure)),
    );
    void loadProxyView();
  }, []);

  if (!draft || !proxyDraft || !ipDraft) return formError ? <ErrorMessage message={formError} /> : <p className="loading">Loading settings…</p>;

  const change = <Key extends FormSettingKey>(key: Key, value: SettingsDraft[Key]): void => {
    setDraft({ ...draft, [key]: value });
    setStatus(undefined);
    if (errors[key]) setErrors({ ...errors, [key]: undefined });
  };

  const changeProxy = (field: ProxyField, value: string): void => {
    setProxyDraft({ ...proxyDraft, [field]: value });
    setStatus(undefined);
    if (proxyErrors[field]) setProxyErrors({ ...proxyErrors, [field]: undefined });
  };

  const changeIpFilter = (next: IpFilterDraft): void => {
    setIpDraft(next);
    setStatus(undefined);
    setIpErrors({});
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setStatus(undefined);
    setFormError(undefined);
    const parsed = parseDraft(draft);
    const proxy = parseProxyDraft(proxyDraft);
    const ipFilter = parseIpFilterDraft(ipDraft);
    if ('errors' in parsed || 'errors' in proxy || 'errors' in ipFilter) {
      setErrors('errors' in parsed ? parsed.errors : {});
      setProxyErrors('errors' in proxy ? proxy.errors : {});
      setIpErrors('errors' in ipFilter ? ipFilter.errors : {});
      if ('errors' in parsed && Object.keys(parsed.errors).length === 0) setFormError('The settings are not valid.');
      return;
    }
    setErrors({});
    setProxyErrors({});
    setIpErrors({});
    setBusy(true);
    try {
      // Answered once the providers' connections follow the proxy setting.
      const saved = await settingsApi.update({ ...parsed.settings, upstreamProxy: proxy.setting, ipFilter: ipFilter.setting });
      setDraft(toDraft(saved));
      setProxyDraft(toProxyDraft(saved.upstreamProxy));
      setIpDraft(toIpFilterDraft(saved.ipFilter));
      setStatus('Settings saved.');
      await loadProxyView();
    } catch (failure) {
      const param = failure instanceof ApiError ? failure.param : undefined;
      const key = settingOfParam(param);
      const proxyField = proxyFieldOfParam(param);
      const ipField = ipFilterFieldOfParam(param);
      if (key) setErrors({ [key]: errorMessage(failure) });
      else if (proxyField) setProxyErrors({ [proxyField]: errorMessage(failure) });
      else if (ipField) setIpErrors({ [ipField]: errorMessage(failure) });
      else setFormError(errorMessage(failure));
    } finally {
      setBusy(false);
      setSaves((count) => count + 1);
    }
  };

  return (
    <>
      <form className="settings" onSubmit={(event) => void submit(event)} noValidate>
        {settingGroups.map((group) => (
          <fieldset key={group.title} className="card">
            <legend>{group.title}</legend>
            {group.keys.map((key) => (
              <SettingInput key={key} name={key} value={draft[key]} error={errors[key]} onChange={(value) => change(key, value)} />
            ))}
          </fieldset>
        ))}
        <ProxySection
          draft={proxyDraft}
          errors={proxyErrors}
          view={proxyView}
          viewError={proxyViewError}
          onChange={changeProxy}
          onUrlError={(message) => setProxyErrors({ ...proxyErrors, url: message })}
        />
        <IpFilterSection draft={ipDraft} errors={ipErrors} onChange={changeIpFilter} />
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
      <AuditLogSection refresh={saves} />
    </>
  );
}
