import { LocalTime } from '@/components/ui/local-time';
import { NewWatchForm } from '@/components/watches/new-watch-form';
import { WatchActions } from '@/components/watches/watch-actions';
import styles from '@/components/watches/watches.module.css';
import { requirePageSession, sessionIsAdmin } from '@/lib/auth/session';
import { getRuntime } from '@/lib/runtime/server-runtime';
import { chipsOf } from '@/lib/explorer/chips';
import { maskUrl } from '@/lib/watches/watch-input';

export const dynamic = 'force-dynamic';

/** A watch's filter as the chips /events shows for it (raw query in the tooltip), and a link to those events. */
function WatchFilter({ name, query }: { name: string; query: string }) {
  const chips = chipsOf(new URLSearchParams(query));
  return (
    <div className={styles.filter}>
      {chips.length ? (
        <ul className="chips" aria-label={`Filter of ${name}`} title={query}>
          {chips.map((c) => (
            <li key={`${c.key}=${c.value}`} className={`chip ${styles.readOnlyChip}`}>
              <span className={c.key === 'ip' || c.key === 'resource' ? 'mono' : undefined}>{c.label}</span>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">Every event</span>
      )}
      <a href={`/events${query ? `?${query}` : ''}`}>Open these events</a>
    </div>
  );
}

/** Watches: who is told of which events. Everyone signed in reads; admins manage (PACKTRAIL_ADMINS). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePageSession();
  const admin = await sessionIsAdmin();
  const runtime = await getRuntime();
  const watches = await runtime.store.listWatches();
  const recent = new Map(await Promise.all(watches.map(async (w) => [w.id, await runtime.store.recentDeliveries(w.id, 20)] as const)));
  const query = (await searchParams).query;
  return (
    <>
      <h1 className={styles.title}>Watches</h1>
      <p className={styles.intro}>
        A watch tells its destinations of every newly stored event that matches its filter: a signed JSON webhook or a Slack message with a
        link to the event. A burst becomes one digest. Events stored before a watch was made are not sent.
      </p>
      <ul className={styles.list}>
        {watches.map((w) => {
          const deliveries = recent.get(w.id) ?? [];
          const failed = deliveries.filter((d) => d.status === 'failed').length;
          const pending = deliveries.filter((d) => d.status === 'pending').length;
          const last = deliveries[0];
          return (
            <li key={w.id} className={styles.card} aria-label={w.name}>
              <div className={styles.head}>
                <h2 className={styles.name}>{w.name}</h2>
                {w.builtin && <span className={styles.tag}>built in</span>}
              </div>
              <WatchFilter name={w.name} query={w.query} />
              {w.destinations.length ? (
                <ul className={styles.dests}>
                  {w.destinations.map((d) => (
                    <li key={d.id}>
                      {d.type === 'slack' ? 'Slack' : 'Webhook'} <span className="mono">{maskUrl(d.url)}</span>
                      {d.secret !== null && ' · signed'}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={styles.deliveries}>No destination yet: nobody is told.</p>
              )}
              {last && (
                <p className={styles.deliveries}>
                  Last delivery <LocalTime iso={last.createdAt} /> {last.status}
                  {last.lastError && ` (${last.lastError})`}
                  {pending > 0 && ` · ${pending} waiting to be retried`}
                  {failed > 0 && <span className={styles.failed}> · {failed} failed</span>}
                </p>
              )}
              {admin && <WatchActions id={w.id} name={w.name} builtin={w.builtin !== null} />}
            </li>
          );
        })}
      </ul>
      {admin ? <NewWatchForm query={typeof query === 'string' ? query : ''} /> : <p className={styles.intro}>Watches are managed by admins (PACKTRAIL_ADMINS).</p>}
    </>
  );
}
