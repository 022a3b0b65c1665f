import { EVENT_SOURCES } from '../resources';
import type { Operation, OperationTable } from './operation-types';
import { V1_OPERATIONS } from './operations-v1';
import { V2_OPERATIONS } from './operations-v2';
import { VOD_OPERATIONS } from './operations-vod';

export type { Operation, Target } from './operation-types';

/** The operation table: event source → operation name → phrase. */
export const OPERATIONS: Readonly<Record<string, OperationTable>> = {
  [EVENT_SOURCES.v1]: V1_OPERATIONS,
  [EVENT_SOURCES.v2]: V2_OPERATIONS,
  [EVENT_SOURCES.vod]: VOD_OPERATIONS,
  // CloudTrail writes `mediapackage-vod`; the unhyphenated spelling is accepted in case a record has it.
  'mediapackagevod.amazonaws.com': VOD_OPERATIONS,
};

// A Map, not the object: an eventName like "constructor" or "__proto__" must not find anything.
const BY_SOURCE = new Map<string, Map<string, Operation>>(
  Object.entries(OPERATIONS).map(([source, table]) => [source, new Map(Object.entries(table))]),
);

export function isMediaPackageSource(eventSource: string): boolean {
  return BY_SOURCE.has(eventSource);
}

export function operationOf(eventSource: string, eventName: string): Operation | undefined {
  return BY_SOURCE.get(eventSource)?.get(eventName);
}
