import { Link } from '@/components/ui/link';
import type { EventSummary } from '@/lib/events/types';
import { OpName } from '@/components/ui/op-name';
import { Card, Field } from './card';
import { JsonBlock } from './json-block';
import { resourceHref, typeLabel, type RecordFields } from './record-fields';
import s from './event-detail.module.css';

export function WhatCard({ event, fields }: { event: EventSummary; fields: RecordFields }) {
  return (
    <Card title="What" wide>
      <Field label="Operation">
        <OpName op={event.eventName} failed={event.errorCode !== null} /> <span className="muted">{event.readOnly ? '(read)' : '(change)'}</span>
      </Field>
      <Field label="Event source" mono>
        {event.eventSource}
      </Field>
      <Field label="Resources">
        {event.resources.length > 0 && (
          <ul className={s.resourceList}>
            {event.resources.map((r) => (
              <li key={`${r.type}|${r.id}`}>
                <Link href={resourceHref(r.id)} className="mono">
                  {r.id}
                </Link>{' '}
                <span className="muted">{typeLabel(r.type)}</span>
                {r.arn && <span className={`mono muted ${s.sub}`}>{r.arn}</span>}
              </li>
            ))}
          </ul>
        )}
      </Field>
      <Field label="Type">{[fields.eventType, fields.eventCategory].filter(Boolean).join(' · ')}</Field>
      <Field label="Parameters">
        {fields.requestParameters === null ? <span className="muted">none</span> : <JsonBlock value={fields.requestParameters} label="Request parameters" />}
      </Field>
    </Card>
  );
}
