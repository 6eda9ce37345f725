import { useEffect, useRef, useState } from 'react';

interface ConfirmButtonProps {
  /** Text of the first button, e.g. "Delete". */
  label: string;
  /** The question asked before acting, e.g. "Delete provider 'groq'?". */
  question: string;
  /** Text of the button that acts, e.g. "Yes, delete". */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/** A destructive action that asks first, inline, so it stays keyboard and screen reader friendly. */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, disabled }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const first = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);

  useEffect(() => {
    // After Cancel, focus returns to the button that opened the question instead of the page top.
    if (!asking && cancelled.current) {
      cancelled.current = false;
      first.current?.focus();
    }
  }, [asking]);

  if (!asking) {
    return (
      <button ref={first} type="button" className="button button-danger" onClick={() => setAsking(true)} disabled={disabled}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="button button-danger-solid"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className="button"
        onClick={() => {
          cancelled.current = true;
          setAsking(false);
        }}
      >
        Cancel
      </button>
    </span>
  );
}
