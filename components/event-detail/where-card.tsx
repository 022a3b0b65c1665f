import { Link } from '@/components/ui/link';
import type { EventSummary } from '@/lib/events/types';
import { Card, Field } from './card';
import type { RecordFields } from './record-fields';
import s from './event-detail.module.css';

/** Where the call came from. The user agent is caller-controlled text: shown as text, never markup. */
export function WhereCard({ event, fields }: { event: EventSummary; fields: RecordFields }) {
  const tls = fields.tls;
  return (
    <Card title="Where">
      <Field label="Source IP">
        {event.sourceIp && (
          <>
            <span className="mono">{event.sourceIp}</span>{' '}
            <Link href={`/events?ip=${encodeURIComponent(event.sourceIp)}`} className={s.sub}>
              all from this IP
            </Link>
          </>
        )}
      </Field>
      <Field label="User agent" mono>
        {event.userAgent}
      </Field>
      <Field label="Region" mono>
        {event.region}
      </Field>
      <Field label="TLS">{tls?.version && [tls.version, tls.cipher].filter(Boolean).join(' · ')}</Field>
      <Field label="Host" mono>
        {tls?.host}
      </Field>
      <Field label="VPC endpoint" mono>
        {fields.vpcEndpointId}
      </Field>
    </Card>
  );
}
