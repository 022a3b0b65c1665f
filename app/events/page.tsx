import Link from 'next/link';
import { parseQuery } from '@/lib/filters/parse-query';
import { getRuntime } from '@/lib/runtime/server-runtime';

// A first, plain view of the store; the explorer (timeline, table, filter bar) replaces it.
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = parseQuery(await searchParams);
  if (!query.ok) return <p className="error" role="alert">Invalid filter: {query.error}</p>;
  const { store } = await getRuntime();
  const [page, total] = await Promise.all([store.listEvents(query.value.filter, { limit: 100, after: null }), store.countEvents(query.value.filter)]);
  return (
    <>
      <h1>Events</h1>
      <p className="muted">{total.toLocaleString('en')} events match; newest 100 shown.</p>
      {total === 0 ? (
        <p>No events yet. The first sync may still be running: see <Link href="/sync">Sync</Link>.</p>
      ) : (
        <table>
          <thead>
            <tr><th>Time (UTC)</th><th>Operation</th><th>Principal</th><th>Source IP</th><th>Region</th><th>Resources</th><th>Result</th></tr>
          </thead>
          <tbody>
            {page.events.map((e) => (
              <tr key={e.eventId}>
                <td className="mono">{e.eventTime.replace('T', ' ').replace('.000Z', 'Z')}</td>
                <td>{e.eventName}</td>
                <td>{e.principal} <span className="muted">({e.principalType})</span></td>
                <td className="mono">{e.sourceIp}</td>
                <td>{e.region}</td>
                <td className="mono">{e.resources.map((r) => r.id).join(', ')}</td>
                <td>{e.errorCode ? <span className="badge error">{e.errorCode}</span> : 'ok'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
