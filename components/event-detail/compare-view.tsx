import { Link } from '@/components/ui/link';
import type { ReactNode } from 'react';
import { compareFields, type CompareRow } from '@/lib/diff/compare';
import { parseRecord } from '@/lib/diff/event-change';
import type { StoredEventDetail } from '@/lib/store/types';
import { IdentityBadge } from '@/components/ui/identity-badge';
import { LocalTime } from '@/components/ui/local-time';
import { OpName } from '@/components/ui/op-name';
import { ResultBadge } from '@/components/ui/result-badge';
import { eventHref } from './record-fields';
import s from './compare.module.css';

function FieldRows({ title, rows, columns }: { title: string; rows: CompareRow[]; columns: number }) {
  const differing = rows.filter((r) => r.differs).length;
  return (
    <>
      <tr className={s.group}>
        <th colSpan={columns} scope="colgroup">
          {title} <span className={s.count}>{rows.length === 0 ? 'none in any event' : `${differing} of ${rows.length} fields differ`}</span>
        </th>
      </tr>
      {rows.map((r) => (
        <tr key={r.path} className={r.differs ? s.differs : undefined}>
          <th scope="row" className="mono">
            {r.path}
          </th>
          {r.values.map((v, i) => (
            <td key={i} className="mono">
              {v === null ? <span className={s.absent}>—</span> : v}
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

function SummaryRow({ label, cells, differs }: { label: string; cells: ReactNode[]; differs: boolean }) {
  return (
    <tr className={differs ? s.differs : undefined}>
      <th scope="row">{label}</th>
      {cells.map((c, i) => (
        <td key={i}>{c}</td>
      ))}
    </tr>
  );
}

const differ = (values: unknown[]) => values.some((v) => JSON.stringify(v) !== JSON.stringify(values[0]));

/** The selected events side by side; rows where the events disagree are marked. */
export function CompareView({ details }: { details: StoredEventDetail[] }) {
  const events = details.map((d) => d.event);
  const records = details.map((d) => parseRecord(d.cloudTrailEvent));
  const summary: [string, unknown[], (i: number) => ReactNode][] = [
    ['What happened', events.map((e) => e.description), (i) => events[i].description],
    ['Time', events.map((e) => e.eventTime), (i) => <LocalTime iso={events[i].eventTime} className="mono" />],
    ['Operation', events.map((e) => e.eventName), (i) => <OpName op={events[i].eventName} failed={events[i].errorCode !== null} />],
    ['Principal', events.map((e) => e.principal), (i) => (<><span className="mono">{events[i].principal}</span> <IdentityBadge type={events[i].principalType} /></>)],
    ['Source IP', events.map((e) => e.sourceIp), (i) => <span className="mono">{events[i].sourceIp}</span>],
    ['Region', events.map((e) => e.region), (i) => <span className="mono">{events[i].region}</span>],
    ['Result', events.map((e) => e.errorCode), (i) => (events[i].errorCode ? <ResultBadge code={events[i].errorCode} message={events[i].errorMessage} /> : '✓ succeeded')],
    ['Resources', events.map((e) => e.resources.map((r) => r.id)), (i) => <span className="mono">{events[i].resources.map((r) => r.id).join(', ')}</span>],
    ['User agent', events.map((e) => e.userAgent), (i) => <span className="mono">{events[i].userAgent}</span>],
    ['Access key', events.map((e) => e.accessKeyId), (i) => <span className="mono">{events[i].accessKeyId ?? '—'}</span>],
  ];
  return (
    <div className={s.scroll} tabIndex={0} role="region" aria-label="Event comparison">
      <table className={s.table}>
        <caption className="sr-only">Event comparison</caption>
        <colgroup>
          <col className={s.labelCol} />
          {events.map((e) => (
            <col key={e.eventId} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Field</th>
            {events.map((e, i) => (
              <th key={e.eventId} scope="col">
                <Link href={eventHref(e.eventId)}>Event {i + 1}</Link> <span className="mono muted">{e.eventId.slice(0, 8)}…</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.map(([label, values, cell]) => (
            <SummaryRow key={label} label={label} differs={differ(values)} cells={events.map((_, i) => cell(i))} />
          ))}
          <FieldRows title="Request parameters" columns={events.length + 1} rows={compareFields(records.map((r) => r?.requestParameters ?? null))} />
          <FieldRows title="Response" columns={events.length + 1} rows={compareFields(records.map((r) => r?.responseElements ?? null))} />
        </tbody>
      </table>
    </div>
  );
}
