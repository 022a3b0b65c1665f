import type { EventSummary, ResourceRef } from '../types';
import { actorPhrase } from './actor';
import { isMediaPackageSource, operationOf } from './operations';
import { originOf } from './origin';
import { anyResourcePhrase, objectPhrase, type ResourceContext } from './resource-phrase';
import { serviceName } from './services';
import { clean } from './text';
import { toolOf } from './tool';

// Authorisation failures read "was denied"; every other error reads "it failed". MediaPackage v1
// and VOD answer an unauthorised caller with ForbiddenException ("not authorized"), so it counts too.
const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'ForbiddenException']);

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** "called SomeNewOperation on channel X": honest for any operation the table does not know. */
function genericAction(summary: EventSummary, ctx: ResourceContext): { past: string; infinitive: string } {
  const name = clean(summary.eventName);
  const source = str(summary.eventSource);
  let call = name || 'an unnamed operation';
  if (source && !isMediaPackageSource(source)) {
    const service = serviceName(source);
    call = name ? `the ${service} operation ${name}` : `an unnamed operation of ${service}`;
  }
  const on = anyResourcePhrase(ctx);
  const rest = on ? `${call} on ${on}` : call;
  return { past: `called ${rest}`, infinitive: `call ${rest}` };
}

function compose(summary: EventSummary, record: unknown): string {
  const resources: readonly ResourceRef[] = Array.isArray(summary.resources) ? summary.resources : [];
  const ctx: ResourceContext = { resources, record };
  const op = operationOf(str(summary.eventSource), str(summary.eventName));
  let action: { past: string; infinitive: string };
  if (op) {
    const object = objectPhrase(op, ctx);
    action = { past: op.past + object, infinitive: op.infinitive + object };
  } else action = genericAction(summary, ctx);

  const actor = actorPhrase(summary, record);
  const region = clean(summary.region);
  const origin = originOf(str(summary.sourceIp));
  const tool = toolOf(str(summary.userAgent), str(summary.eventSource), record);
  // A service calling on its own behalf would otherwise read "AWS CloudFormation … through AWS
  // CloudFormation using AWS CloudFormation".
  const actorKey = actor.toLowerCase();
  const originPhrase = origin.service && origin.service.toLowerCase() === actorKey ? '' : origin.phrase;
  const toolPhrase = tool && tool !== origin.service && tool.toLowerCase() !== actorKey ? ` using ${tool}` : '';
  const where = `${region ? ` in ${region}` : ''}${originPhrase}${toolPhrase}`;

  // An error text naming a resource by its ARN names it by id, as the rest of the sentence does.
  let error = clean(summary.errorCode);
  for (const r of resources) if (r.arn && r.id) error = error.split(r.arn).join(r.id);
  if (!error) return `${actor} ${action.past}${where}.`;
  const outcome = DENIED.has(error) ? 'but was denied' : 'but it failed';
  return `${actor} tried to ${action.infinitive}${where} ${outcome} (${error}).`;
}

/**
 * One plain English sentence for an event: who did what to which resource, where, from where, with
 * which tool, and whether it failed. Plain text (never markup); never throws, never empty, ends in ".".
 * `record` is the parsed CloudTrail record and may be anything, including undefined.
 */
export function describeEvent(summary: EventSummary, record: unknown): string {
  try {
    return compose(summary, record);
  } catch {
    // Only exotic inputs (throwing getters, proxies) get here; a normalised summary never does.
    try {
      const name = clean(summary?.eventName);
      if (name) return `Someone called ${name}.`;
    } catch {
      // Even the name cannot be read: the sentence below still tells the reader something happened.
    }
    return 'Someone made a call.';
  }
}
