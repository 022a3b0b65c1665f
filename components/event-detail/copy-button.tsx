'use client';

import { useState } from 'react';

/**
 * Copies `text` exactly (the stored record byte-for-byte), or the page's own address when `text`
 * is omitted, which is the permalink as the browser resolved it.
 */
export function CopyButton({ text, label, copiedLabel = 'Copied' }: { text?: string; label: string; copiedLabel?: string }) {
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = async () => {
    const value = text ?? window.location.href;
    try {
      await navigator.clipboard.writeText(value);
      setState('done');
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): fall back to a selection copy.
      const area = document.createElement('textarea');
      area.value = value;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      setState(ok ? 'done' : 'failed');
    }
    setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className="button" onClick={copy} aria-live="polite">
      {state === 'done' ? copiedLabel : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
