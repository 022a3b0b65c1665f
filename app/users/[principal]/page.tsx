import { Link } from '@/components/ui/link';
import { notFound } from 'next/navigation';
import { EventsExplorer } from '@/components/events/events-explorer';
import { FIRST_PAGE } from '@/components/events/load-events-view';
import { UserHeader } from '@/components/users/user-header';
import { AccountName } from '@/components/ui/account-name';
import { UserOps } from '@/components/users/user-ops';
import { UserTimeline } from '@/components/users/user-timeline';
import { WindowNav } from '@/components/users/window-nav';
import styles from '@/components/users/user-page.module.css';
import { pinnedFilterQuery } from '@/lib/explorer/filter-query';
import { eventsPageShape } from '@/lib/explorer/page-query';
import { toTablePage } from '@/lib/explorer/table-rows';
import { parseQuery } from '@/lib/filters/parse-query';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { requirePageSession } from '@/lib/auth/session';

/** Next hands over the segment still percent-encoded (`MediaOpsAdmin%2Fops-alice`); a broken escape is no principal. */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function without(params: URLSearchParams, key: string): URLSearchParams {
  const out = new URLSearchParams(params);
  out.delete(key);
  return out;
}

function toParams(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, x);
  return out;
}

export default async function Page(props: PageProps<'/users/[principal]'>) {
  await requirePageSession();
  const [{ principal: segment }, raw] = await Promise.all([props.params, props.searchParams]);
  const principal = decodeSegment(segment);
  if (principal === null) notFound();
  const now = new Date();
  // The path names the principal, so a `user` in the query is replaced by it, never combined.
  const params = toParams(raw);
  params.delete('user');
  const query = parseQuery(params, eventsPageShape, now);
  if (!query.ok) return <p className="error invalid-filter" role="alert">Invalid filter: {query.error}</p>;
  const filter = { ...query.value.filter, user: principal };
  const { sort } = query.value;
  const { store } = await getRuntime();
  const user = await store.userDetail(principal, filter);
  if (!user) notFound();
  const first = { limit: FIRST_PAGE, after: null };
  const page = await (sort === 'asc' ? store.listEventsOldestFirst(filter, first) : store.listEvents(filter, first));

  // Links keep the view's filters: to the list (without the table's sort) and to /events (with `user`).
  const filterQuery = without(params, 'sort').toString();
  const withUser = new URLSearchParams(params);
  withUser.set('user', principal);
  const eventsQuery = without(withUser, 'sort').toString();
  return (
    <>
      <div className={styles.crumbs}>
        <nav aria-label="Breadcrumb">
          <Link href={filterQuery ? `/users?${filterQuery}` : '/users'}>Users</Link> › <span className="mono">{principal}</span>
          {filter.accounts.length === 1 && (
            <>
              {' '}
              in <AccountName id={filter.accounts[0]} />
            </>
          )}
        </nav>
        <WindowNav path={`/users/${encodeURIComponent(principal)}`} query={filterQuery} />
      </div>
      <UserHeader user={user} filtered={filterQuery !== ''} />
      <section aria-label="Timeline">
        <h2 className={styles.section}>Timeline</h2>
        {user.events === 0 ? <p className="muted">No activity in this view.</p> : <UserTimeline store={store} filter={filter} user={user} now={now} />}
      </section>
      <section aria-label="Operations">
        <h2 className={styles.section}>Operations</h2>
        <UserOps user={user} eventsQuery={eventsQuery} />
      </section>
      <section aria-label="Events of this principal">
        <h2 className={styles.section}>
          Events <span className="muted">{user.events.toLocaleString('en')}</span>{' '}
          <Link href={`/events?${eventsQuery}`} className={styles.more}>
            All events of this principal →
          </Link>
        </h2>
        {page.events.length > 0 ? (
          <EventsExplorer key={withUser.toString()} initial={toTablePage(page)} total={user.events} sort={sort} filterQuery={pinnedFilterQuery(withUser, filter.from)} />
        ) : (
          <p className="muted">No events in this view.</p>
        )}
      </section>
    </>
  );
}
