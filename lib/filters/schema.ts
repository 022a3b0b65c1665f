import { z } from 'zod';
import { RANGES, type FilterKey, type RangeKey } from './filter-keys';
import { parseIpFilter, type IpMatch } from './ip';

// The one parser for the SPEC's filter parameters, used by pages, route handlers and controls.

export { RANGES, type RangeKey };

export type ErrorFilter = { kind: 'any' } | { kind: 'none' } | { kind: 'code'; code: string };

export interface EventFilter {
  ops: string[];
  /** Any of these sources (`ip`, repeatable); empty means any source. */
  ips: IpMatch[];
  user: string | null;
  sources: string[];
  regions: string[];
  accounts: string[];
  resource: string | null;
  from: Date | null;
  to: Date | null;
  range: RangeKey | null;
  readOnly: boolean | null;
  error: ErrorFilter | null;
  q: string | null;
  /** Exclusions: events matching any of these are left out. */
  notIps: IpMatch[];
  notOps: string[];
  notUsers: string[];
}


const op = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,127}$/, 'must be an operation name such as UpdateChannel');
const source = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/, 'must be an event source such as mediapackagev2.amazonaws.com');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be a region such as eu-west-1');
const account = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');
const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 instant with a zone, such as 2026-11-01T00:00:00Z or 2026-11-01T01:00:00+01:00' })
  .transform((s) => new Date(s));
const text = (max: number, what: string) =>
  z.string().max(max, `must be at most ${max} characters`).regex(/^[^\u0000-\u001f\u007f]*$/, `${what} must not contain control characters`);

const ipValue = z
  .string()
  .max(200, 'must be at most 200 characters')
  .transform((value, ctx) => {
    const parsed = parseIpFilter(value);
    if ('error' in parsed) {
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }
    return parsed;
  });
const ipList = z.array(ipValue).max(50, 'may be given at most 50 times').default([]);

export const filterShape = {
  op: z.array(op).max(100, 'may be given at most 100 times').default([]),
  ip: ipList,
  user: text(512, 'user').optional(),
  source: z.array(source).max(20, 'may be given at most 20 times').default([]),
  region: z.array(region).max(40, 'may be given at most 40 times').default([]),
  account: z.array(account).max(100, 'may be given at most 100 times').default([]),
  resource: text(2048, 'resource').optional(),
  from: instant.optional(),
  to: instant.optional(),
  range: z.enum(Object.keys(RANGES) as [RangeKey, ...RangeKey[]], { error: `must be one of ${Object.keys(RANGES).join(', ')}` }).optional(),
  readOnly: z.enum(['true', 'false'], { error: 'must be true (reads) or false (changes)' }).optional(),
  error: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.:_-]{0,127}$/, 'must be "any" (only failed calls), "none", or an error code such as AccessDenied')
    .optional(),
  q: text(200, 'q').optional(),
  notIp: ipList,
  notOp: z.array(op).max(100, 'may be given at most 100 times').default([]),
  notUser: z.array(text(512, 'notUser')).max(100, 'may be given at most 100 times').default([]),
} satisfies Record<FilterKey, z.ZodType>;

type FilterInput = z.infer<z.ZodObject<typeof filterShape>>;

/** Builds the EventFilter from validated input; `now` anchors a relative `range`. */
export function toEventFilter(input: FilterInput, now: Date): EventFilter {
  const range = input.range ?? null;
  return {
    ops: input.op,
    ips: input.ip.flat(),
    user: input.user || null,
    sources: input.source,
    regions: input.region,
    accounts: input.account,
    resource: input.resource || null,
    from: range ? new Date(now.getTime() - RANGES[range]) : (input.from ?? null),
    to: range ? null : (input.to ?? null),
    range,
    readOnly: input.readOnly === undefined ? null : input.readOnly === 'true',
    error: input.error === undefined ? null : input.error === 'any' ? { kind: 'any' } : input.error === 'none' ? { kind: 'none' } : { kind: 'code', code: input.error },
    q: input.q?.trim() ? input.q.trim() : null,
    notIps: input.notIp.flat(),
    notOps: input.notOp,
    notUsers: input.notUser,
  };
}

export function checkFilterCombination(input: Pick<FilterInput, 'from' | 'to' | 'range'>, ctx: z.RefinementCtx): void {
  if (input.range && (input.from || input.to)) {
    ctx.addIssue({ code: 'custom', path: ['range'], message: 'cannot be combined with from/to; give either a relative range or an absolute from/to' });
  }
  // zod runs this refinement even when a field failed to parse, so the values may still be strings.
  if (input.from instanceof Date && input.to instanceof Date && input.from.getTime() > input.to.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
  }
}

export const emptyFilter: EventFilter = toEventFilter({ op: [], ip: [], source: [], region: [], account: [], notIp: [], notOp: [], notUser: [] }, new Date(0));
