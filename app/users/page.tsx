import { z } from 'zod';
import { SyncWarning } from '@/components/events/sync-warning';
import { queryWithout, toUserRows } from '@/components/users/user-rows';
import { UsersEmpty } from '@/components/users/users-empty';
import { UsersTable } from '@/components/users/users-table';
import { USER_SORT_KEYS, defaultDir } from '@/components/users/users-sort';
import { WindowNav } from '@/components/users/window-nav';
import styles from '@/components/users/page.module.css';
import { explainEmpty, failedStreams } from '@/lib/explorer/empty-state';
import { parseQuery } from '@/lib/filters/parse-query';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { requirePageSession } from '@/lib/auth/session';
import { accountNames } from '@/lib/accounts/account-names';

const usersSortShape = {
  sort: z.enum(USER_SORT_KEYS, { error: `must be one of ${USER_SORT_KEYS.join(', ')}` }).default('events'),
  dir: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).optional(),
};

function expectedStreams(runtime: { regions: string[]; eventSources: string[] }) {
  return runtime.regions.flatMap((region) => runtime.eventSources.map((eventSource) => ({ region, eventSource })));
}

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageSession();
  const params = await searchParams;
  const now = new Date();
  const query = parseQuery(params, usersSortShape, now);
  if (!query.ok) return <p className="error invalid-filter" role="alert">Invalid filter: {query.error}</p>;
  const { filter, sort, dir } = query.value;
  const runtime = await getRuntime();
  const { store } = runtime;
  const [users, errorCodes, states, names] = await Promise.all([store.userActivity(filter), store.userErrorCodes(filter), store.getSyncStates(), accountNames(runtime)]);
  // A principal's page names its own user, so a `user` filter here is not carried into its links.
  const rows = toUserRows(users, errorCodes, queryWithout(params, ['sort', 'dir', 'user']), names);
  const events = rows.reduce((n, r) => n + r.events, 0);
  return (
    <>
      <div className={styles.head}>
        <h1>Users</h1>
        <span className="muted">
          {rows.length.toLocaleString('en')} principals · {events.toLocaleString('en')} events
        </span>
      </div>
      <WindowNav path="/users" query={queryWithout(params, [])} />
      <SyncWarning failures={failedStreams(states)} />
      {rows.length === 0 ? (
        <UsersEmpty reason={explainEmpty({ filter, now, states, progress: runtime.sync.status().progress, expected: expectedStreams(runtime) })} />
      ) : (
        <UsersTable rows={rows} sort={sort} dir={dir ?? defaultDir(sort)} />
      )}
    </>
  );
}
