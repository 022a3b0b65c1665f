import dns from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

// No server-side request forgery through a watch: a destination must resolve to public addresses
// only, checked on what the name resolves to (not on its text), and the request then connects to the
// address that was checked, so a second, different DNS answer cannot redirect it (rebinding).
// PACKTRAIL_WEBHOOK_ALLOW_PRIVATE=true lifts the check for receivers inside your own network.

export class DestinationRefused extends Error {}

export interface CheckedDestination {
  url: URL;
  /** The address the request connects to. */
  address: string;
  family: 4 | 6;
}

/** ipaddr.js's names for the ranges a webhook must never reach. */
const BLOCKED = new Set(['unspecified', 'broadcast', 'multicast', 'linkLocal', 'loopback', 'private', 'reserved', 'carrierGradeNat', 'uniqueLocal', 'ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo', 'benchmarking', 'amt', 'as112', 'as112v6', 'orchid2', 'droneRemoteIdProtocolEntityTags', 'deprecated', 'discard']);

/** Why an address may not be reached, or null when it is public. */
export function blockedReason(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return `${address} is not an IP address`;
  }
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (address === '169.254.169.254' || ip.toString() === '169.254.169.254' || ip.toString() === 'fd00:ec2::254') return `${address} is the cloud metadata service`;
  return BLOCKED.has(range) ? `${address} is a ${range} address` : null;
}

export async function checkDestination(raw: string, allowPrivate: boolean, resolve = (host: string) => dns.lookup(host, { all: true, verbatim: true })): Promise<CheckedDestination> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationRefused('the destination is not a URL; expected https://host/path');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DestinationRefused(`the destination must be http(s), not ${url.protocol}`);
  if (url.username || url.password) throw new DestinationRefused('the destination URL must not carry a user name or password; use the webhook secret');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let answers: { address: string; family: number }[];
  if (ipaddr.isValid(host)) answers = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      answers = await resolve(host);
    } catch (err) {
      throw new DestinationRefused(`${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'no answer'})`);
    }
  }
  if (!answers.length) throw new DestinationRefused(`${host} does not resolve`);
  if (!allowPrivate) {
    // Every answer, not only the first: a name with one public and one private address is refused.
    for (const a of answers) {
      const reason = blockedReason(a.address);
      if (reason) throw new DestinationRefused(`${host} is refused: ${reason} (set PACKTRAIL_WEBHOOK_ALLOW_PRIVATE=true for receivers inside your network)`);
    }
  }
  return { url, address: answers[0].address, family: answers[0].family === 6 ? 6 : 4 };
}
