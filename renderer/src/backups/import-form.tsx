import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.js';
import { ErrorMessage } from '../components/error-message.js';
import { describedBy, Field } from '../components/field.js';

interface ImportFormProps {
  /** Off when nothing hosts the router (it cannot restart to restore). */
  restoreAvailable: boolean;
  /** Off while a restore or a backup is under way. */
  busy: boolean;
  /** Uploads the file; resolves once the server accepted it (the page then follows the restart), rejects with the server's reason. */
  onImport: (file: File) => Promise<void>;
}

/** Restores a database file from elsewhere (an export, a downloaded backup, another machine). */
export function ImportForm({ restoreAvailable, busy, onImport }: ImportFormProps) {
  const [file, setFile] = useState<File>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!file) {
      setError('Choose a database file first.');
      return;
    }
    const form = event.currentTarget as HTMLFormElement;
    setSending(true);
    setError(undefined);
    try {
      await onImport(file);
      form.reset();
      setFile(undefined);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSending(false);
    }
  };

  const disabled = busy || sending || !restoreAvailable;
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} aria-labelledby="import-title" noValidate>
      <h2 id="import-title">Import</h2>
      <Field
        id="import-file"
        label="Database file"
        hint={
          <>
            An <code>.sqlite</code> file exported from OmniRoute (here or on another machine) or a downloaded backup. It replaces the current data, which is
            backed up first; the router restarts, and the file is kept as an Imported backup.
          </>
        }
      >
        <input
          id="import-file"
          type="file"
          accept=".sqlite,.sqlite3,.db,application/vnd.sqlite3,application/x-sqlite3"
          disabled={disabled}
          onChange={(event) => {
            setFile(event.target.files?.[0]);
            setError(undefined);
          }}
          aria-describedby={describedBy('import-file', { hint: true })}
        />
      </Field>
      <ErrorMessage message={error} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={disabled || !file}>
          {sending ? 'Uploading…' : 'Import and restore'}
        </button>
      </div>
    </form>
  );
}
