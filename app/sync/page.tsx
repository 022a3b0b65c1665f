import { getRuntime } from '@/lib/runtime/server-runtime';
import { syncOverview } from '@/lib/sync/sync-overview';

export default async function Page() {
  const overview = await syncOverview(await getRuntime());
  return (
    <>
      <h1>Sync</h1>
      <p className="muted">
        {overview.running ? 'A sync is running.' : 'Idle.'} Background sync every {overview.intervalSeconds}s
        {overview.lastFinishedAt ? `; last finished ${overview.lastFinishedAt}` : ''}.
      </p>
      <table>
        <thead>
          <tr><th>Region</th><th>Event source</th><th>Stored</th><th>Watermark</th><th>Covered from</th><th>Progress</th><th>Throttles</th><th>Last error</th></tr>
        </thead>
        <tbody>
          {overview.streams.map((s) => (
            <tr key={`${s.region} ${s.eventSource}`}>
              <td>{s.region}</td>
              <td className="mono">{s.eventSource}</td>
              <td>{s.storedEvents.toLocaleString('en')}</td>
              <td className="mono">{s.watermark ?? 'not synced yet'}</td>
              <td className="mono">{s.coveredFrom ?? '—'}</td>
              <td>{s.job ? `${s.job.kind}: ${s.job.pages} pages, ${s.job.events} events${s.progress ? `, ${Math.round(s.progress.fraction * 100)}%` : ''}` : 'done'}</td>
              <td>{s.throttles}</td>
              <td className="error">{s.lastError ? `${s.lastError.at}: ${s.lastError.message}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
