'use client';

import { Link } from '@/components/ui/link';
import { useSearchParams } from 'next/navigation';
import { chipsOf, withoutChip } from '@/lib/explorer/chips';
import { formatFull } from '@/lib/explorer/time-format';
import { useTimeZone } from '@/components/ui/time-zone';
import { useAccountNames } from '@/components/ui/account-name';

/** One chip per filter value in the URL; × is a plain link to the URL without it. */
export function FilterChips() {
  const params = useSearchParams();
  const { zone } = useTimeZone();
  const names = useAccountNames();
  const current = new URLSearchParams(params?.toString() ?? '');
  const chips = chipsOf(current);
  if (!chips.length) return <span className="muted">No filters: every stored event.</span>;
  return (
    <ul className="chips" aria-label="Active filters">
      {chips.map((c) => {
        const account = c.key === 'account' ? names[c.value] : undefined;
        const shown =
          (c.key === 'from' || c.key === 'to') && !Number.isNaN(Date.parse(c.value)) ? `${c.key} ${formatFull(c.value, zone)}` : account ? c.label.replace(c.value, account) : c.label;
        const rest = withoutChip(current, c).toString();
        return (
          <li key={`${c.key}=${c.value}`} className="chip">
            <span className={c.key === 'ip' || c.key === 'resource' ? 'mono' : undefined} title={account ? `AWS account ${c.value}` : undefined}>
              {shown}
            </span>
            <Link href={`/events${rest ? `?${rest}` : ''}`} aria-label={`Remove filter ${shown}`} scroll={false}>
              ×
            </Link>
          </li>
        );
      })}
      {chips.length > 1 && (
        <li>
          <Link className="link-button" href={current.get('sort') ? `/events?sort=${encodeURIComponent(current.get('sort')!)}` : '/events'}>
            Clear all
          </Link>
        </li>
      )}
    </ul>
  );
}
