import type { PrincipalType } from '@/lib/events/types';

// Principal badges name the identity type (UI.md); root is loud on purpose.

export const IDENTITY_LABEL: Record<PrincipalType, string> = {
  IAMUser: 'IAM user',
  AssumedRole: 'role session',
  SSOUser: 'SSO person',
  Root: 'root',
  FederatedUser: 'federated',
  AWSService: 'service',
  AWSAccount: 'account',
  IdentityCenterUser: 'Identity Center',
  WebIdentityUser: 'web identity',
  SAMLUser: 'SAML',
  Unknown: 'unknown',
};

/** Short forms for dense tables; the full name is the tooltip. */
const SHORT: Partial<Record<PrincipalType, string>> = {
  IAMUser: 'IAM', AssumedRole: 'role', SSOUser: 'SSO', FederatedUser: 'fed', AWSService: 'svc', AWSAccount: 'acct',
  IdentityCenterUser: 'IdC', WebIdentityUser: 'web id', Unknown: '?',
};

export function IdentityBadge({ type, short = false }: { type: PrincipalType; short?: boolean }) {
  const label = IDENTITY_LABEL[type] ?? type;
  return (
    <span className={`badge id-badge id-${type}`} title={label}>
      {short ? (SHORT[type] ?? label) : label}
    </span>
  );
}
