'use client';

import type { ReactNode } from 'react';
import { useAccountNames } from './account-name';
import { Link } from './link';

/**
 * A principal's page. Principals are per account: with several accounts the link names the
 * principal's own (`?account=`), so the same session name in two accounts opens two pages.
 */
export function principalHref(principal: string, accountId: string | null, several: boolean): string {
  return `/users/${encodeURIComponent(principal)}${several && accountId ? `?account=${encodeURIComponent(accountId)}` : ''}`;
}

/** `plain`: an anchor, for tables whose rows follow their links in-app themselves (DataTable). */
export function PrincipalLink({ principal, accountId, className, title, plain, children }: {
  principal: string;
  accountId: string | null;
  className?: string;
  title?: string;
  plain?: boolean;
  children?: ReactNode;
}) {
  const href = principalHref(principal, accountId, Object.keys(useAccountNames()).length > 1);
  const body = children ?? principal;
  return plain ? (
    <a href={href} className={className} title={title}>
      {body}
    </a>
  ) : (
    <Link href={href} className={className} title={title}>
      {body}
    </Link>
  );
}
