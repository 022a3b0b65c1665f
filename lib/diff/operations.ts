import type { StateCalls } from '@/lib/store/types';

// What a MediaPackage operation does to which resource, read from its name. CloudTrail records carry
// no "target" field; the operation's noun (UpdateOriginEndpoint → OriginEndpoint) is what ties a call
// to the resource whose state its response describes, as opposed to a parent the call merely names
// (a v1 CreateOriginEndpoint also names its channel; a CreateHarvestJob names its endpoint).

export { opFamily, type OpFamily } from '@/lib/events/op-family';

/** `AWS::MediaPackageV2::OriginEndpoint` → `OriginEndpoint`. */
export function typeNoun(type: string): string {
  return type.slice(type.lastIndexOf('::') + 2);
}

// Operations whose noun is not the resource's type name.
const SPECIAL_NOUNS: Record<string, string[]> = {
  RotateIngestEndpointCredentials: ['Channel'],
  RotateChannelCredentials: ['Channel'],
  // v1 configures a channel's logs, VOD a packaging group's; each record names only one of them.
  ConfigureLogs: ['Channel', 'PackagingGroup'],
};

/** The resource type nouns an operation acts on (`UpdateOriginEndpoint` → [`OriginEndpoint`]). */
export function targetNouns(eventName: string): string[] {
  const special = SPECIAL_NOUNS[eventName];
  if (special) return special;
  const m = /^(?:Create|Update|Delete|Describe|Get|Put|Reset|Configure)([A-Z][A-Za-z]*?)(?:Policy|State)?$/.exec(eventName);
  return m ? [m[1]] : [];
}

/** True when `eventName` acts on a resource of `type` itself rather than on a child or a parent. */
export function targets(eventName: string, type: string): boolean {
  return targetNouns(eventName).includes(typeNoun(type));
}

export function isPolicyCall(eventName: string): boolean {
  return /^(Put|Delete)[A-Z][A-Za-z]*Policy$/.test(eventName);
}

/**
 * Mutating calls answer with the full resulting object (MediaPackage's Create/Update/Configure/Rotate
 * responses), so each one is a snapshot. Delete ends a life: what follows starts from nothing.
 * Resource policies are their own state, carried in the Put call's request.
 */
export function stateCallsFor(type: string, policy = false): StateCalls {
  const noun = typeNoun(type);
  if (policy) return { state: [`Put${noun}Policy`], end: [`Delete${noun}Policy`, `Delete${noun}`] };
  const state = [`Create${noun}`, `Update${noun}`];
  for (const [op, nouns] of Object.entries(SPECIAL_NOUNS)) if (nouns.includes(noun)) state.push(op);
  return { state, end: [`Delete${noun}`] };
}

/** Whether a successful call of this name is a snapshot of the resource (see stateCallsFor). */
export function carriesState(eventName: string, type: string): boolean {
  const calls = stateCallsFor(type, isPolicyCall(eventName));
  return calls.state.includes(eventName) || calls.end.includes(eventName);
}
