import type { UserDetail, UserSighting } from '@/lib/store/types';
import { IdentityBadge } from '@/components/ui/identity-badge';
import { LocalTime } from '@/components/ui/local-time';
import { isAccessDenied } from '@/components/ui/result-badge';
import { ZoneName } from './zone-name';
import styles from './user-page.module.css';

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** Who this principal is, when it was active, and from where: the card atop /users/{principal}. */
export function UserHeader({ user, filtered }: { user: UserDetail; filtered: boolean }) {
  return (
    <section className={styles.card} aria-label="Identity">
      <div className={styles.identity}>
        <h1 className={styles.title}>
          <span className="mono">{user.principal}</span> <IdentityBadge type={user.type} />
        </h1>
        {user.arns.length === 0 ? (
          <p className="muted">No ARN in its records (services act without one).</p>
        ) : (
          <ul className={styles.arns} aria-label="Principal ARN">
            {user.arns.map((arn) => (
              <li key={arn} className="mono">
                {arn}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={styles.left}>
        <dl className={styles.facts}>
          {/* Identity facts span everything stored; the counts below follow the view's filters. */}
          <dt>First seen</dt>
          <dd>
            <LocalTime iso={user.allTime.firstSeen} className="mono" />
            {filtered && <span className="muted"> · of all stored</span>}
          </dd>
          <dt>Last seen</dt>
          <dd>
            <LocalTime iso={user.allTime.lastSeen} className="mono" />
          </dd>
          <dt>Events</dt>
          <dd>
            <strong>{user.events.toLocaleString('en')}</strong>
            {filtered && <span className="muted"> in this view, of {user.allTime.events.toLocaleString('en')} stored</span>}
            {' · '}
            {plural(user.changes, 'change')} · {plural(user.events - user.changes, 'read')}
          </dd>
          <dt>Failed</dt>
          <dd>
            {user.errors === 0 ? (
              <span className="muted">none</span>
            ) : (
              <>
                {user.errors.toLocaleString('en')}:{' '}
                {Object.entries(user.errorCodes).map(([code, n]) => (
                  <span key={code} className={`badge badge-error ${styles.code}${isAccessDenied(code) ? ' badge-denied' : ''}`}>
                    {code} {n}
                  </span>
                ))}
              </>
            )}
          </dd>
          <dt>Regions</dt>
          <dd>
            {Object.entries(user.regions)
              .map(([region, n]) => `${region} (${n.toLocaleString('en')})`)
              .join(' · ') || <span className="muted">—</span>}
          </dd>
        </dl>
        <Sightings title="User agents" column="User agent" items={user.userAgents} total={user.userAgentCount} wrap />
      </div>
      <div className={styles.sightings}>
        <Sightings title="Source IPs" column="Address" items={user.ips} total={user.ipCount} />
        <Sightings title="Access keys used" column="Access key id" items={user.accessKeys} total={user.accessKeyCount} />
      </div>
    </section>
  );
}

type SightingsProps = { title: string; column: string; items: UserSighting[]; total: number; wrap?: boolean };

function Sightings({ title, column, items, total, wrap }: SightingsProps) {
  return (
    <div>
      <h2 className={styles.sub}>
        {title} <span className="muted">{total.toLocaleString('en')}{total > items.length ? `, newest ${items.length} listed` : ''}</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted">None in this view.</p>
      ) : (
        <div className={styles.scroll} tabIndex={0} role="region" aria-label={title}>
          <table className={styles.mini}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th>{column}</th>
                <th className={styles.n}>Events</th>
                <th>
                  First (<ZoneName />)
                </th>
                <th>
                  Last (<ZoneName />)
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.value}>
                  {/* Values such as user agents are written by whoever called AWS: rendered as text, never as HTML. */}
                  <td className={`mono ${wrap ? styles.wrap : styles.value}`} title={s.value}>
                    {wrap ? <span>{s.value}</span> : s.value}
                  </td>
                  <td className={styles.n}>{s.events.toLocaleString('en')}</td>
                  <td>
                    <LocalTime iso={s.firstSeen} zone={false} />
                  </td>
                  <td>
                    <LocalTime iso={s.lastSeen} zone={false} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
