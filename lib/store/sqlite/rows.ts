import type { EventSummary, PrincipalType, ResourceRef } from '@/lib/events/types';

export interface EventRow {
  seq: number;
  event_id: string;
  event_time: number;
  event_source: string;
  event_name: string;
  region: string;
  account_id: string;
  read_only: number;
  error_code: string | null;
  error_message: string | null;
  source_ip: string;
  user_agent: string;
  principal: string;
  principal_type: string;
  principal_arn: string | null;
  access_key_id: string | null;
}

export const SUMMARY_COLUMNS =
  'e.seq, e.event_id, e.event_time, e.event_source, e.event_name, e.region, e.account_id, e.read_only, e.error_code, e.error_message, e.source_ip, e.user_agent, e.principal, e.principal_type, e.principal_arn, e.access_key_id';

export function toSummary(row: EventRow, resources: ResourceRef[]): EventSummary {
  return {
    eventId: row.event_id,
    eventTime: new Date(row.event_time).toISOString(),
    eventSource: row.event_source,
    eventName: row.event_name,
    region: row.region,
    accountId: row.account_id,
    readOnly: row.read_only === 1,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    principal: row.principal,
    principalType: row.principal_type as PrincipalType,
    principalArn: row.principal_arn,
    accessKeyId: row.access_key_id,
    resources,
  };
}
