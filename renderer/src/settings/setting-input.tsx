import { describedBy, Field } from '../components/field.js';
import { describeDuration, settingFields, type FormSettingKey } from './settings-fields.js';

interface SettingInputProps {
  name: FormSettingKey;
  value: boolean | string;
  error: string | undefined;
  onChange: (value: boolean | string) => void;
}

/** One setting's control, chosen by its kind: a checkbox, a number with its unit, or a list. */
export function SettingInput({ name, value, error, onChange }: SettingInputProps) {
  const field = settingFields[name];
  const id = `setting-${name}`;
  const aria = { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy(id, { hint: true, error }) };

  if (field.kind === 'boolean') {
    return (
      <div className={error ? 'field field-check field-invalid' : 'field field-check'}>
        <input id={id} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} {...aria} />
        <label htmlFor={id}>{field.label}</label>
        <p className="hint" id={`${id}-hint`}>
          {field.hint}
        </p>
        {error ? (
          <p className="field-error" id={`${id}-error`} role="alert">
            {error}
          </p>
        ) : null}
      </div>
    );
  }

  if (field.kind === 'list') {
    return (
      <Field id={id} label={field.label} hint={field.hint} error={error}>
        <textarea id={id} rows={3} spellCheck={false} placeholder={field.example} value={String(value)} onChange={(event) => onChange(event.target.value)} {...aria} />
      </Field>
    );
  }

  const duration = field.unit === 'ms' && String(value).trim() !== '' ? describeDuration(Number(value)) : undefined;
  return (
    <Field id={id} label={`${field.label} (${field.unit ?? ''})`} hint={duration ? `${field.hint} Now: ${duration}.` : field.hint} error={error}>
      <input id={id} type="number" inputMode="numeric" min={0} className="input-number" value={String(value)} onChange={(event) => onChange(event.target.value)} {...aria} />
    </Field>
  );
}
