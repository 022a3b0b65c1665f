import ipaddr from 'ipaddr.js';

// Source IPs are indexed as 32 hex digits of an IPv6 address (IPv4 mapped into ::ffff:0:0/96),
// so that a CIDR of either family is one contiguous range of keys: `ip_key BETWEEN lo AND hi`.

export type IpMatch =
  | { kind: 'range'; lo: string; hi: string } // an address is the range lo = hi
  | { kind: 'literal'; value: string }; // `AWS Internal`, `cloudformation.amazonaws.com`, …

// IPv4 lives in ::ffff:0:0/96 of the key space. An IPv6 CIDR wide enough to contain that block
// (`::/0`, `::/64`) is about IPv6 sources only, so its range is cut around it: `notIp=::/0` must
// not drop IPv4 events, nor `ip=::/0` find them.
const V4_LO = '00000000000000000000ffff00000000';
const V4_HI = '00000000000000000000ffffffffffff';
const BELOW_V4 = '00000000000000000000fffeffffffff';
const ABOVE_V4 = '00000000000000000001000000000000';

function toV6Bytes(addr: ipaddr.IPv4 | ipaddr.IPv6): number[] {
  return addr.kind() === 'ipv4' ? (addr as ipaddr.IPv4).toIPv4MappedAddress().toByteArray() : addr.toByteArray();
}

function hex(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The index key of an address, or null when `text` is not an IPv4/IPv6 address. */
export function ipKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const trimmed = text.trim();
  if (!ipaddr.isValid(trimmed)) return null;
  // isValid accepts odd IPv4 forms (`1`, `0x7f.1`); CloudTrail writes dotted quads, so insist on them.
  if (!trimmed.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return null;
  let addr = ipaddr.parse(trimmed);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
  }
  return hex(toV6Bytes(addr));
}

/** The key ranges of a CIDR of its own family only: one, or two for an IPv6 CIDR around the IPv4 block. */
export function cidrRanges(text: string): { lo: string; hi: string }[] | null {
  const range = cidrRange(text);
  if (!range) return null;
  const { lo, hi } = range;
  if (lo > V4_LO || hi < V4_HI || (lo === V4_LO && hi === V4_HI)) return [range];
  return [
    ...(lo <= BELOW_V4 ? [{ lo, hi: BELOW_V4 }] : []),
    ...(hi >= ABOVE_V4 ? [{ lo: ABOVE_V4, hi }] : []),
  ];
}

/** The inclusive key range of a CIDR (`203.0.113.0/24`, `2001:db8::/32`), or null if it is not one. */
export function cidrRange(text: string): { lo: string; hi: string } | null {
  const trimmed = text.trim();
  if (!trimmed.includes('/')) return null;
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(trimmed);
  } catch {
    return null;
  }
  const [addr, prefix] = parsed;
  if (addr.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(trimmed.split('/')[0])) return null;
  const bytes = toV6Bytes(addr);
  const bits = addr.kind() === 'ipv4' ? 96 + prefix : prefix;
  const lo = bytes.slice();
  const hi = bytes.slice();
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8)); // network bits in this byte
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    lo[i] = bytes[i] & mask;
    hi[i] = (bytes[i] & mask) | (~mask & 0xff);
  }
  return { lo: hex(lo), hi: hex(hi) };
}

const LITERAL = /^[A-Za-z][A-Za-z0-9 ._-]{0,252}$/;
const LOOKS_NUMERIC = /^[0-9a-fA-F.:/]+$/;

/**
 * Parses one value of `ip` or `notIp`: an address, a CIDR, or a literal source such as `AWS Internal`.
 * Returns an error message for text that looks like an address but is not a valid one,
 * so that a typo gets a 400 instead of a silently empty result.
 */
export function parseIpFilter(text: string): IpMatch[] | { error: string } {
  const value = text.trim();
  const accepted = 'an IPv4 or IPv6 address, a CIDR such as 203.0.113.0/24 or 2001:db8::/32, or a literal source such as "AWS Internal" or "cloudformation.amazonaws.com"';
  if (value.includes('/')) {
    const ranges = cidrRanges(value);
    return ranges ? ranges.map((r) => ({ kind: 'range', ...r })) : { error: `"${value}" is not a valid CIDR; expected ${accepted}` };
  }
  const key = ipKey(value);
  if (key) return [{ kind: 'range', lo: key, hi: key }];
  // Digits, dots and colons only (a hex word before a dot is a host name): a mistyped address.
  if (LOOKS_NUMERIC.test(value) && /[0-9]/.test(value) && /[.:]/.test(value) && !/^[a-fA-F]+\./.test(value)) {
    return { error: `"${value}" is not a valid address; expected ${accepted}` };
  }
  if (LITERAL.test(value)) return [{ kind: 'literal', value }];
  return { error: `"${value.slice(0, 80)}" is not accepted; expected ${accepted}` };
}
