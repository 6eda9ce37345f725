import { useEffect, useRef } from 'react';
import type { CreatedApiKeyDto } from '../../../shared/api-types.js';
import { CopyButton } from '../components/copy-button.js';

interface NewKeyNoticeProps {
  created: CreatedApiKeyDto;
  onDone: () => void;
}

/**
 * The one time a full key is visible. It lives only in this component's props: nothing stores
 * it, and "Done" (or leaving the page) drops it for good.
 */
export function NewKeyNotice({ created, onDone }: NewKeyNoticeProps) {
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  return (
    <section className="card notice" aria-labelledby="new-key-title">
      <h2 id="new-key-title">Your new key “{created.name}”</h2>
      <p className="notice-warning">
        <strong>Copy it now: you will not see it again.</strong> OmniRoute keeps only a hash of it.
      </p>
      <div className="key-reveal">
        <label htmlFor="new-key" className="sr-only">
          New API key
        </label>
        <input id="new-key" ref={input} className="key-value" readOnly value={created.key} spellCheck={false} onFocus={(event) => event.target.select()} />
        <CopyButton text={created.key} what="new API key" />
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={onDone}>
          Done, I copied it
        </button>
      </div>
    </section>
  );
}
