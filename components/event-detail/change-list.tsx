import type { Change } from '@/lib/diff/diff-states';
import { isMasked } from '@/lib/diff/diff-states';
import type { SecurityTag } from '@/lib/diff/security';
import s from './event-detail.module.css';

const SHOWN = 25;

/** A value as one line: strings bare (descriptions are user text, rendered as text), the rest as JSON. */
export function formatValue(v: unknown): string {
  if (isMasked(v)) return 'masked';
  if (typeof v === 'string') return v === '' ? '""' : v;
  if (v === undefined) return '';
  return JSON.stringify(v);
}

export function SecurityBadges({ tags }: { tags: SecurityTag[] }) {
  return (
    <>
      {tags.map((t) => (
        <span key={t} className={`${s.security}${t === 'deletion' ? ` ${s.danger}` : ''}`} title="security-relevant change">
          ⚠ {t}
        </span>
      ))}
    </>
  );
}

function Row({ c }: { c: Change }) {
  const sign = { added: '+', removed: '−', changed: '~', masked: '•' }[c.kind];
  const value =
    c.kind === 'masked' ? (
      <span className={s.masked}>masked by CloudTrail, not compared</span>
    ) : c.kind === 'changed' ? (
      <>
        <span className={s.old}>{formatValue(c.before)}</span>
        <span className={s.arrow}>→</span>
        <span className={s.new}>{formatValue(c.after)}</span>
      </>
    ) : (
      <span className={isMasked(c.kind === 'added' ? c.after : c.before) ? s.masked : c.kind === 'added' ? s.new : s.old}>
        {formatValue(c.kind === 'added' ? c.after : c.before)}
      </span>
    );
  return (
    <tr>
      <td>
        <span className={`${s.kind} ${s[c.kind]}`} aria-label={c.kind}>
          {sign}
        </span>{' '}
        {c.path}
      </td>
      <td className={s.values}>
        {value} {c.security && <SecurityBadges tags={[c.security]} />}
      </td>
    </tr>
  );
}

/** The flat list of changed paths; long lists (a whole resource created or deleted) fold after 25. */
/** Column headers for screen readers; sighted readers see the shape (field, then before → after). */
function ChangeHead() {
  return (
    <thead className="sr-only">
      <tr>
        <th scope="col">Field</th>
        <th scope="col">Value (before → after)</th>
      </tr>
    </thead>
  );
}

export function ChangeList({ changes, label }: { changes: Change[]; label: string }) {
  // Security-relevant lines first: in a long list they are what a reviewer looks for.
  const sorted = [...changes.filter((c) => c.security), ...changes.filter((c) => !c.security)];
  const head = sorted.slice(0, SHOWN);
  const rest = sorted.slice(SHOWN);
  return (
    <>
      <table className={s.changes}>
        <caption className="sr-only">{label}</caption>
        <ChangeHead />
        <tbody>
          {head.map((c, i) => (
            <Row key={`${c.path}-${i}`} c={c} />
          ))}
        </tbody>
      </table>
      {rest.length > 0 && (
        <details>
          <summary className={s.note}>{rest.length} more</summary>
          <table className={s.changes}>
            <caption className="sr-only">{label}, continued</caption>
            <ChangeHead />
            <tbody>
              {rest.map((c, i) => (
                <Row key={`${c.path}-${i}`} c={c} />
              ))}
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}
