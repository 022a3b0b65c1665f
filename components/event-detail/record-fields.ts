// The parts of a CloudTrail record the detail cards show, read defensively: any field may be
// missing or of another type in a record we did not write, and none of it is trusted as markup.

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null);

export interface IdentityFields {
  type: string | null;
  principalId: string | null;
  arn: string | null;
  accountId: string | null;
  accessKeyId: string | null;
  userName: string | null;
  issuer: { type: string | null; userName: string | null; arn: string | null } | null;
  mfa: boolean | null;
  sessionCreated: string | null;
  sourceIdentity: string | null;
  invokedBy: string | null;
  webIdentityProvider: string | null;
  onBehalfOf: string | null;
  consoleSession: boolean;
}

export interface RecordFields {
  identity: IdentityFields;
  tls: { version: string | null; cipher: string | null; host: string | null } | null;
  vpcEndpointId: string | null;
  requestId: string | null;
  eventType: string | null;
  eventCategory: string | null;
  eventVersion: string | null;
  requestParameters: unknown;
  responseElements: unknown;
  additionalEventData: unknown;
}

export function recordFields(record: Obj | null): RecordFields {
  const rec = record ?? {};
  const ui = obj(rec.userIdentity) ?? {};
  const ctx = obj(ui.sessionContext);
  const attrs = obj(ctx?.attributes);
  const issuer = obj(ctx?.sessionIssuer);
  const tls = obj(rec.tlsDetails);
  const mfa = str(attrs?.mfaAuthenticated);
  const issuerFields = issuer && Object.keys(issuer).length ? { type: str(issuer.type), userName: str(issuer.userName), arn: str(issuer.arn) } : null;
  return {
    identity: {
      type: str(ui.type),
      principalId: str(ui.principalId),
      arn: str(ui.arn),
      accountId: str(ui.accountId),
      accessKeyId: str(ui.accessKeyId),
      userName: str(ui.userName),
      issuer: issuerFields,
      mfa: mfa === null ? null : mfa === 'true',
      sessionCreated: str(attrs?.creationDate),
      sourceIdentity: str(ctx?.sourceIdentity) ?? str(ui.sourceIdentity),
      invokedBy: str(ui.invokedBy),
      webIdentityProvider: str(obj(ctx?.webIdFederationData)?.federatedProvider),
      onBehalfOf: str(obj(ui.onBehalfOf)?.userId),
      consoleSession: str(rec.sessionCredentialFromConsole) === 'true',
    },
    tls: tls ? { version: str(tls.tlsVersion), cipher: str(tls.cipherSuite), host: str(tls.clientProvidedHostHeader) } : null,
    vpcEndpointId: str(rec.vpcEndpointId),
    requestId: str(rec.requestID),
    eventType: str(rec.eventType),
    eventCategory: str(rec.eventCategory),
    eventVersion: str(rec.eventVersion),
    requestParameters: rec.requestParameters ?? null,
    responseElements: rec.responseElements ?? null,
    additionalEventData: rec.additionalEventData ?? null,
  };
}

/** The record as people read it: 2-space JSON when it parses, else the stored text untouched. */
export function prettyRecord(raw: string): { text: string; valid: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), valid: true };
  } catch {
    return { text: raw, valid: false };
  }
}

/** `AWS::MediaPackageV2::OriginEndpoint` → `v2 origin endpoint`. */
export function typeLabel(type: string): string {
  const m = /^AWS::([A-Za-z0-9]+)::([A-Za-z0-9]+)$/.exec(type);
  if (!m) return type;
  const service = m[1] === 'MediaPackageV2' ? 'v2 ' : m[1] === 'MediaPackage' ? '' : `${m[1]} `;
  return service + m[2].replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function resourceHref(idOrArn: string): string {
  return `/resources/${encodeURIComponent(idOrArn)}`;
}

export function eventHref(eventId: string): string {
  return `/events/${encodeURIComponent(eventId)}`;
}
