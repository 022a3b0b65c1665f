// Which changes a security reviewer must not miss. A change is flagged when any segment of its path
// names one of these settings; an operation can flag the whole call (deletion, rotation, policy).

export type SecurityTag = 'IP allow-list' | 'CDN authorization' | 'encryption' | 'credentials' | 'access logs' | 'policy' | 'deletion';

const PATH_RULES: [RegExp, SecurityTag][] = [
  // v1 endpoints: `whitelist`; WAF-style and future names alike.
  [/^(whitelist|ipaddress(black|white|allow|deny)list|ip(allow|deny)list|allowlist|denylist|allowedcidrs?)$/i, 'IP allow-list'],
  [/^(authorization|cdnidentifiersecret|secretsrolearn|cdnauthconfiguration|cdnidentifiersecretarns)$/i, 'CDN authorization'],
  [/^(encryption|spekekeyprovider|encryptionmethod|encryptioncontractconfiguration|constantinitializationvector|keyrotationintervalseconds|certificatearn)$/i, 'encryption'],
  [/^(egressaccesslogs|ingressaccesslogs)$/i, 'access logs'],
  [/^(policy|statement)$/i, 'policy'],
];

// Ingest credentials are only credentials inside an ingest endpoint; a bare `username` elsewhere is not.
const CREDENTIAL_LEAF = /^(password|username)$/i;
const INGEST_PARENT = /^ingestendpoints$/i;

/** The security tag of a change at `path` (segments, array indices as numbers), or null. */
export function securityTagOf(path: (string | number)[]): SecurityTag | null {
  const names = path.filter((s): s is string => typeof s === 'string');
  for (const [rule, tag] of PATH_RULES) if (names.some((n) => rule.test(n))) return tag;
  const leaf = names[names.length - 1];
  if (leaf && CREDENTIAL_LEAF.test(leaf) && names.some((n) => INGEST_PARENT.test(n))) return 'credentials';
  return null;
}

/** Tags that apply to a whole call whatever its diff shows. */
export function securityTagsOfOperation(eventName: string): SecurityTag[] {
  const tags: SecurityTag[] = [];
  if (/^Rotate[A-Z]/.test(eventName)) tags.push('credentials');
  if (/^(Put|Delete)[A-Za-z]*Policy$/.test(eventName)) tags.push('policy');
  else if (/^Delete[A-Z]/.test(eventName)) tags.push('deletion');
  if (eventName === 'ConfigureLogs') tags.push('access logs');
  return tags;
}
