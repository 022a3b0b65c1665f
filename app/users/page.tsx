import { parseQuery } from '@/lib/filters/parse-query';
import { getRuntime } from '@/lib/runtime/server-runtime';

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = parseQuery(await searchParams);
  if (!query.ok) return <p className="error" role="alert">Invalid filter: {query.error}</p>;
  const { store } = await getRuntime();
  const users = await store.userActivity(query.value.filter);
  return (
    <>
      <h1>Users</h1>
      <table>
        <thead>
          <tr><th>Principal</th><th>Type</th><th>Events</th><th>Changes</th><th>Failed</th><th>First seen</th><th>Last seen</th><th>Source IPs</th></tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.principal}>
              <td className="mono">{u.principal}</td>
              <td>{u.type}</td>
              <td>{u.events}</td>
              <td>{u.changes}</td>
              <td>{u.errors}</td>
              <td className="mono">{u.firstSeen}</td>
              <td className="mono">{u.lastSeen}</td>
              <td className="mono">{u.ips.slice(0, 3).map((i) => i.ip).join(', ')}{u.ips.length > 3 ? ` +${u.ips.length - 3}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
