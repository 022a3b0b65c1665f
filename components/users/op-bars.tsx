import { FAMILY_COLOR, opFamily } from '@/components/ui/op-family';
import styles from './users.module.css';

/**
 * A few operations with bars sized by their share of `total`, coloured by family, so "mostly
 * reads" and "deletes" show at a glance. The numbers are written too: bars only help scanning.
 * Further operations are only counted in the tooltip, to keep table rows three lines high.
 */
export function OpBars({ ops, total, more = 0 }: { ops: { op: string; events: number }[]; total: number; more?: number }) {
  return (
    <ul className={styles.opBars} title={more > 0 ? `and ${more} more operation${more === 1 ? '' : 's'}` : undefined}>
      {ops.map(({ op, events }) => (
        <li key={op} title={`${op}: ${events.toLocaleString('en')} of ${total.toLocaleString('en')} events`}>
          <span className={styles.opName}>{op}</span>
          <span className={styles.opTrack} aria-hidden>
            <span className={styles.opFill} style={{ width: `${Math.max(2, (100 * events) / Math.max(1, total))}%`, background: FAMILY_COLOR[opFamily(op)] }} />
          </span>
          <span className={styles.num}>{events.toLocaleString('en')}</span>
        </li>
      ))}
    </ul>
  );
}
