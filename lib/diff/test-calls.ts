import type { EventSummary } from '@/lib/events/types';
import type { ParsedCall } from './event-change';

// Calls for lib/diff tests: an event summary and its parsed record, one minute apart each.

const EP = 'AWS::MediaPackage::OriginEndpoint';
let n = 0;

/** A MediaPackage v1 call on one resource; a failed call gets no response, as in CloudTrail. */
export function call(eventName: string, res: unknown, opts: { type?: string; errorCode?: string; req?: unknown; id?: string } = {}): ParsedCall {
  const type = opts.type ?? EP;
  const event: EventSummary = {
    eventId: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    eventTime: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
    eventSource: 'mediapackage.amazonaws.com', eventName, region: 'us-west-2', accountId: '111122223333', readOnly: /^(Describe|List|Get)/.test(eventName),
    errorCode: opts.errorCode ?? null, errorMessage: null, sourceIp: '203.0.113.17', userAgent: 'aws-cli', principal: 'deploy-bot', principalType: 'IAMUser',
    principalArn: null, accessKeyId: null, resources: [{ type, id: opts.id ?? 'sports-hd-hls', arn: null }], description: `deploy-bot called ${eventName}.`,
  };
  return { event, record: { requestParameters: opts.req ?? { id: opts.id ?? 'sports-hd-hls' }, responseElements: opts.errorCode ? null : res } };
}
