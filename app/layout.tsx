import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { Link } from '@/components/ui/link';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import type { ReactNode } from 'react';
import { NavLinks } from '@/components/ui/nav-links';
import { TIME_MODE_COOKIE, ZONE_COOKIE } from '@/components/ui/time-cookies';
import { TimeZoneProvider } from '@/components/ui/time-zone';
import { TimeZoneToggle } from '@/components/ui/time-zone-toggle';
import { UserMenu } from '@/components/auth/user-menu';
import { RouteFocus } from '@/components/ui/route-focus';
import { AccountNamesProvider } from '@/components/ui/account-name';
import { accountNames } from '@/lib/accounts/account-names';
import { getSession } from '@/lib/auth/session';
import { getRuntime } from '@/lib/runtime/server-runtime';
import './globals.css';

// Every page reads the live store; nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Packtrail', description: 'Audit history for AWS Elemental MediaPackage' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const runtime = await getRuntime();
  const session = await getSession();
  const user = session?.user?.name ?? session?.user?.email ?? null;
  const jar = await cookies();
  // Local time is the default (UI.md); the zone cookie lets the server render it before the browser says.
  const mode = jar.get(TIME_MODE_COOKIE)?.value === 'utc' ? 'utc' : 'local';
  const zone = jar.get(ZONE_COOKIE)?.value ?? null;
  // Names are for signed-in readers only, like everything else the store knows.
  const names = session ? await accountNames(runtime) : {};
  return (
    <html lang="en">
      <body>
        <NuqsAdapter>
          <TimeZoneProvider initialMode={mode} initialZone={zone}>
            <AccountNamesProvider names={names}>
              <a className="skip-link" href="#main">
                Skip to content
              </a>
              <header className="top">
                <Link href="/events" className="brand">
                  Packtrail
                </Link>
                <NavLinks />
                <div className="top-right">
                  <TimeZoneToggle />
                  {user && <UserMenu name={user} canSignOut={runtime.auth.enabled} />}
                </div>
              </header>
              {runtime.mode === 'demo' && (
                <div className="demo-banner" role="status">
                  Demo data: no AWS credentials were found, so this is a generated MediaPackage history served by the built-in CloudTrail
                  emulator. Set <code>PACKTRAIL_SOURCE=aws</code> with AWS credentials to read your account.
                </div>
              )}
              <main id="main" tabIndex={-1}>
                {children}
              </main>
              <RouteFocus />
              </AccountNamesProvider>
          </TimeZoneProvider>
        </NuqsAdapter>
      </body>
    </html>
  );
}
