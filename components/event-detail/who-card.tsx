import { Link } from '@/components/ui/link';
import type { EventSummary } from '@/lib/events/types';
import { IdentityBadge } from '@/components/ui/identity-badge';
import { Card, Field } from './card';
import type { IdentityFields } from './record-fields';
import s from './event-detail.module.css';
import { AccountName } from '@/components/ui/account-name';
import { PrincipalLink } from '@/components/ui/principal-link';

/** Who made the call, from the record's userIdentity; every value is rendered as text. */
export function WhoCard({ event, identity }: { event: EventSummary; identity: IdentityFields }) {
  const key = event.accessKeyId ?? identity.accessKeyId;
  return (
    <Card title="Who">
      <Field label="Principal">
        <PrincipalLink principal={event.principal} accountId={event.accountId} className="mono" />{' '}
        <IdentityBadge type={event.principalType} />
      </Field>
      <Field label="Identity type" mono>
        {identity.type}
      </Field>
      <Field label="Principal ARN" mono>
        {event.principalArn ?? identity.arn}
      </Field>
      <Field label="Access key">
        {key && (
          <>
            <span className="mono">{key}</span>{' '}
            <Link href={`/events?q=${encodeURIComponent(key)}`} className={s.sub}>
              all by this access key
            </Link>
          </>
        )}
      </Field>
      <Field label="Session issuer">
        {identity.issuer && (identity.issuer.userName || identity.issuer.arn) && (
          <>
            <span className="mono">{identity.issuer.userName}</span> {identity.issuer.type && <span className="muted">({identity.issuer.type})</span>}
            {identity.issuer.arn && <span className={`mono ${s.sub}`}>{identity.issuer.arn}</span>}
          </>
        )}
      </Field>
      <Field label="MFA">{identity.mfa === null ? null : identity.mfa ? 'yes' : 'no'}</Field>
      <Field label="Session created" mono>
        {identity.sessionCreated}
      </Field>
      <Field label="Source identity" mono>
        {identity.sourceIdentity}
      </Field>
      <Field label="Web identity" mono>
        {identity.webIdentityProvider}
      </Field>
      <Field label="On behalf of" mono>
        {identity.onBehalfOf}
      </Field>
      <Field label="Invoked by" mono>
        {identity.invokedBy}
      </Field>
      <Field label="Console">{identity.consoleSession ? 'session credentials from the console' : null}</Field>
      <Field label="Account">
        {identity.accountId && identity.accountId !== event.accountId ? (
          <>
            <AccountName id={identity.accountId} /> (caller)
          </>
        ) : null}
      </Field>
    </Card>
  );
}
