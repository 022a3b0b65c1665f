import { Link } from '@/components/ui/link';
import type { UserDetail } from '@/lib/store/types';
import { FAMILY_COLOR, opFamily } from '@/components/ui/op-family';
import styles from './user-page.module.css';

/** Every operation the principal called, with failures, each a link to exactly those events. */
export function UserOps({ user, eventsQuery }: { user: UserDetail; eventsQuery: string }) {
  if (user.ops.length === 0) return <p className="muted">No operations in this view.</p>;
  const top = user.ops[0].events;
  return (
    <ul className={styles.ops}>
      {user.ops.map((o) => {
        const params = new URLSearchParams(eventsQuery);
        params.append('op', o.op);
        return (
          <li key={o.op}>
            <Link href={`/events?${params}`} className={styles.opName}>
              {o.op}
            </Link>
            <span className={styles.opCount}>
              {o.events.toLocaleString('en')}
              {o.errors > 0 && <span className="error" title={`${o.errors} failed`}> · {o.errors.toLocaleString('en')} failed</span>}
            </span>
            <span className={styles.track} aria-hidden>
              <span style={{ width: `${Math.max(1, (100 * o.events) / top)}%`, background: FAMILY_COLOR[opFamily(o.op)] }} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
