import type { EventSummary } from '@/lib/events/types';
import { LocalTime } from '@/components/ui/local-time';
import { ResultBadge } from '@/components/ui/result-badge';
import { Card, Field } from './card';
import type { RecordFields } from './record-fields';
import { AccountName } from '@/components/ui/account-name';

export function ResultCard({ event, fields }: { event: EventSummary; fields: RecordFields }) {
  return (
    <Card title="Result">
      <Field label="Outcome">
        {event.errorCode ? <ResultBadge code={event.errorCode} message={event.errorMessage} /> : <span style={{ color: 'var(--create)' }}>✓ succeeded</span>}
      </Field>
      <Field label="Message">{event.errorMessage}</Field>
      <Field label="Request id" mono>
        {fields.requestId}
      </Field>
      <Field label="Event id" mono>
        {event.eventId}
      </Field>
      <Field label="Time">
        <LocalTime iso={event.eventTime} className="mono" />
      </Field>
      <Field label="Account">
        <AccountName id={event.accountId} />
      </Field>
      <Field label="Record version" mono>
        {fields.eventVersion}
      </Field>
    </Card>
  );
}
