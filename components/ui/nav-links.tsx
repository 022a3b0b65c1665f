'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/events', label: 'Events' },
  { href: '/users', label: 'Users' },
  { href: '/watches', label: 'Watches' },
  { href: '/sync', label: 'Sync' },
];

/**
 * The header's sections; the current one is marked for screen readers and the eye. These are the
 * only links Next prefetches: every other one is components/ui/link.tsx, which does not.
 */
export function NavLinks() {
  const pathname = usePathname() ?? '';
  return (
    <nav className="nav" aria-label="Sections">
      {LINKS.map((l) => {
        const current = pathname === l.href || pathname.startsWith(`${l.href}/`);
        return (
          <Link key={l.href} href={l.href} aria-current={current ? 'page' : undefined}>
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
