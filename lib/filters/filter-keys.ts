// The SPEC's filter parameter names and time ranges, without their parser (schema.ts): client code
// that needs only the names (the time picker, filter chips, export links) would otherwise bring zod
// into the events page's first-load JavaScript.

export const RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;

/** In the order chips show them; schema.ts's filterShape must have exactly these keys (checked there). */
export const FILTER_KEYS = ['op', 'ip', 'user', 'source', 'region', 'account', 'resource', 'from', 'to', 'range', 'readOnly', 'error', 'q', 'notIp', 'notOp', 'notUser'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** Repeatable parameters; a comma also separates values in these (`op=A,B`): none can contain one. */
export const COMMA_LISTS: ReadonlySet<string> = new Set(['op', 'source', 'region', 'account', 'ip', 'notIp', 'notOp']);
/** Repeatable but never split on commas: IAM user and role session names may contain one. */
export const EXACT_LISTS: ReadonlySet<string> = new Set(['notUser']);
