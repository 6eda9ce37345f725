import type { ReactNode } from 'react';

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

/**
 * A labelled form control with its hint and error underneath. The control itself is passed as a
 * child and should take `aria-describedby={describedBy(id, ...)}` so both are read out with it.
 */
export function Field({ id, label, hint, error, children }: FieldProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The ids a control's `aria-describedby` should name, matching what `Field` renders. */
export function describedBy(id: string, options: { hint?: boolean; error?: string | undefined }): string | undefined {
  const ids = [options.hint ? `${id}-hint` : undefined, options.error ? `${id}-error` : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
