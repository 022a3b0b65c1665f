import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getRuntime } from '@/lib/runtime/server-runtime';
import './globals.css';

// Every page reads the live store; nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Packtrail', description: 'Audit history for AWS Elemental MediaPackage' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const runtime = await getRuntime();
  return (
    <html lang="en">
      <body>
        <header className="top">
          <span className="brand">Packtrail</span>
          <nav style={{ display: 'flex', gap: 14 }}>
            <Link href="/events">Events</Link>
            <Link href="/users">Users</Link>
            <Link href="/sync">Sync</Link>
          </nav>
        </header>
        {runtime.mode === 'demo' && (
          <div className="demo-banner" role="status">
            Demo data: no AWS credentials were found, so this is a generated MediaPackage history served by the built-in CloudTrail
            emulator. Set <code>PACKTRAIL_SOURCE=aws</code> with AWS credentials to read your account.
          </div>
        )}
        <main>{children}</main>
      </body>
    </html>
  );
}
