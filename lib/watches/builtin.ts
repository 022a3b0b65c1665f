import { securityTagsOfOperation } from '@/lib/diff/security';
import { OPERATIONS } from '@/lib/events/describe/operations';

// The built-in watch, "Security-relevant changes": the calls that can carry the flags the event
// page shows. Whole-call flags (rotations, deletions, policies, access logs) by their operation;
// allow-lists, CDN authorization and encryption live in the create and update calls of channels,
// endpoints and packaging configurations, so those are in too. Denied attempts count as well.

export const SECURITY_WATCH_ID = 'security';
export const SECURITY_WATCH_NAME = 'Security-relevant changes';

const SETTINGS_CALLS = /^(Create|Update)(Channel|OriginEndpoint|PackagingConfiguration|PackagingGroup)$|^Configure/;

export function securityQuery(): string {
  const ops = new Set<string>();
  for (const table of Object.values(OPERATIONS)) {
    for (const op of Object.keys(table)) if (securityTagsOfOperation(op).length || SETTINGS_CALLS.test(op)) ops.add(op);
  }
  const params = new URLSearchParams();
  for (const op of [...ops].sort()) params.append('op', op);
  params.set('readOnly', 'false');
  return params.toString();
}
