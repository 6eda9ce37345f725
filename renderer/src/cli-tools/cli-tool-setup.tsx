import { useCallback, useEffect, useState } from 'react';
import type { CreatedApiKeyDto } from '../../../shared/api-types.js';
import type { CliToolApplyResultDto, CliToolSettingsDto } from '../../../shared/cli-tools-types.js';
import { errorMessage } from '../api/client.js';
import { cliTools } from '../api/endpoints.js';
import { CopyButton } from '../components/copy-button.js';
import { ErrorMessage } from '../components/error-message.js';
import { Field } from '../components/field.js';
import { NewKeyNotice } from '../keys/new-key-notice.js';

interface CliToolSetupProps {
  toolId: string;
  toolName: string;
}

/**
 * Apply, preview and restore for one tool. A key created by Apply is shown once (NewKeyNotice) and
 * kept nowhere else; diffs and export lines come from the server with the key masked.
 */
export function CliToolSetup({ toolId, toolName }: CliToolSetupProps) {
  const [settings, setSettings] = useState<CliToolSettingsDto>();
  const [model, setModel] = useState('');
  const [result, setResult] = useState<CliToolApplyResultDto>();
  const [createdKey, setCreatedKey] = useState<CreatedApiKeyDto>();
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setSettings(await cliTools.settings(toolId));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [toolId]);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async (action: 'preview' | 'apply' | 'restore'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      if (action === 'restore') {
        const restored = await cliTools.restore(toolId);
        setResult(undefined);
        setSettings(restored.settings);
        setMessage(`Restored ${restored.restored.length} file(s) as they were before.`);
      } else {
        const applied = await cliTools.apply(toolId, { preview: action === 'preview', ...(model.trim() ? { model: model.trim() } : {}) });
        setResult(applied);
        setSettings(applied.settings);
        if (applied.createdKey) setCreatedKey(applied.createdKey);
        if (!applied.preview) setMessage(applied.files.length > 0 ? `${toolName} now uses this router.` : 'Nothing to write: follow the steps below.');
      }
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const modelId = `cli-${toolId}-model`;
  const instructions = result?.settings.instructions ?? settings?.instructions;
  return (
    <div className="cli-setup">
      {settings && settings.config.files.length > 0 ? (
        <ul className="plain-list">
          {settings.config.files.map((file) => (
            <li key={file.path}>
              <code>{file.path}</code> {file.exists ? (file.pointsAtRouter ? '(uses this router)' : '(exists)') : '(will be created)'}
            </li>
          ))}
        </ul>
      ) : null}
      <Field id={modelId} label="Model (optional)" hint="A provider/model, alias or combo the tool should use.">
        <input id={modelId} value={model} onChange={(event) => setModel(event.target.value)} placeholder="provider/model" spellCheck={false} />
      </Field>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void run('preview')}>
          Preview changes
        </button>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void run('apply')}>
          Apply
        </button>
        <button type="button" className="button" disabled={busy || !settings?.config.backupExists} onClick={() => void run('restore')}>
          Restore
        </button>
      </div>
      <ErrorMessage message={error} />
      {message ? (
        <p className="message message-ok" role="status">
          {message}
        </p>
      ) : null}
      {createdKey ? <NewKeyNotice created={createdKey} onDone={() => setCreatedKey(undefined)} /> : null}
      {result?.diff ? (
        <pre className="diff" aria-label={result.preview ? 'Changes Apply would make' : 'Changes made'}>
          {result.diff}
        </pre>
      ) : null}
      {result && result.exportLines.length > 0 ? (
        <>
          <pre className="diff" aria-label="Environment variables">
            {result.exportLines.join('\n')}
          </pre>
          <CopyButton text={result.exportLines.join('\n')} what="export lines" />
        </>
      ) : null}
      {instructions ? <pre className="diff instructions">{instructions}</pre> : null}
    </div>
  );
}
