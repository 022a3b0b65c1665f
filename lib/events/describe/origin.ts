import { isServiceHost, serviceName } from './services';
import { clean } from './text';

export interface Origin {
  /** " from 203.0.113.17", " from within AWS", " through AWS CloudFormation", or "". */
  phrase: string;
  /** The service named, so the sentence does not name it a second time as the tool or the actor. */
  service: string | null;
}

const NONE: Origin = { phrase: '', service: null };
const WITHIN_AWS: Origin = { phrase: ' from within AWS', service: null };

/** Where the call came from, read from `sourceIPAddress`: an address, AWS itself, or a service's host. */
export function originOf(sourceIp: string): Origin {
  if (typeof sourceIp !== 'string' || sourceIp === '') return NONE;
  if (sourceIp === 'AWS Internal') return WITHIN_AWS;
  if (isServiceHost(sourceIp)) {
    const service = serviceName(sourceIp);
    return { phrase: ` through ${service}`, service };
  }
  const text = clean(sourceIp);
  return text ? { phrase: ` from ${text}`, service: null } : NONE;
}
