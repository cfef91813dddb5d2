import ipaddr from 'ipaddr.js';

/**
 * What rate limits count per address: an IPv4 address, or the /64 network of an IPv6 one (a
 * single subscriber usually holds a whole /64, and would otherwise get a fresh allowance per
 * address). IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
export function addressBlock(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.process(ip);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${parts.join(':')}::/64`;
}
