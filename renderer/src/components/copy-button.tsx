import { useEffect, useState } from 'react';

interface CopyButtonProps {
  text: string;
  /** What is being copied, for the button's accessible name: "Copy base URL". */
  what: string;
}

/** Copies to the clipboard (loopback pages are secure contexts, so the async API is there). */
export function CopyButton({ text, what }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <button type="button" className="button button-small" onClick={() => void copy()} aria-label={`Copy ${what}`}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed; select and copy' : 'Copy'}
    </button>
  );
}
