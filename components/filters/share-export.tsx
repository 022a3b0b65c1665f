'use client';

import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { filterParams, withFilters } from '@/lib/explorer/filter-query';

/** "Copy link" (the URL is the whole view), the exports, and "Watch this view", which carry the same filters. */
export function ShareExport() {
  const params = new URLSearchParams(useSearchParams()?.toString() ?? '');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('yes');
    } catch {
      // No clipboard (an insecure origin, or permission refused): say so rather than pretend.
      setCopied('failed');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div className="share-export">
      <button type="button" className="button" onClick={copy}>
        Copy link
      </button>
      <span className="copied" aria-live="polite">
        {copied === 'yes' ? 'Link copied' : copied === 'failed' ? 'Copy failed: use the address bar' : ''}
      </span>
      <a className="button" href={withFilters('/api/export', params, { format: 'csv' })} download>
        Export CSV
      </a>
      <a className="button" href={withFilters('/api/export', params, { format: 'ndjson' })} download>
        Export NDJSON
      </a>
      <a className="button" href={`/watches?${new URLSearchParams({ query: filterParams(params).toString() })}`}>
        Watch this view
      </a>
    </div>
  );
}
