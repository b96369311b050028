// Client addresses as the audit trail keeps and shows them: one text per address, so that a
// sign-in from this machine reads 127.0.0.1 or ::1 whichever way the server saw it.

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** An IPv4 address carried in IPv6 (::ffff:a.b.c.d), as the URL parser writes it: ::ffff:7f00:1. */
const MAPPED = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/;

/**
 * The address in one spelling: IPv4 as it is; an IPv4-mapped IPv6 address as its IPv4
 * (::ffff:127.0.0.1 → 127.0.0.1); any other IPv6 address in its shortest lowercase form
 * (RFC 5952: 0000:…:0001 → ::1). Text that is no address comes back trimmed; nothing is null.
 */
export function canonicalAddress(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  if (!text) return null;
  if (IPV4.test(text)) return text;
  if (!text.includes(':')) return text;
  let host: string;
  try {
    // The WHATWG URL parser reads every IPv6 spelling and writes the RFC 5952 one.
    host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  } catch {
    return text;
  }
  const mapped = MAPPED.exec(host);
  if (!mapped) return host;
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** The unspecified address: "no address", which no client connects from. */
function isUnspecified(address: string): boolean {
  return address === '::' || address === '0.0.0.0';
}

/**
 * The address a new sign-in entry keeps: canonical, and null (not known) for the unspecified
 * address, which only a forged or broken forwarding header can give.
 */
export function recordedAddress(raw: string | null | undefined): string | null {
  const address = canonicalAddress(raw);
  return address && isUnspecified(address) ? null : address;
}

/**
 * An address read back from an entry, to show. Entries written before the exact address was
 * kept hold better-auth's /64 prefix of it (its rate limiter's key), which for the loopback ::1
 * is all zeros; the only other addresses with that prefix are the unspecified address and the
 * long-deprecated IPv4-compatible ones (mapped IPv4 had already become IPv4). So the all-zero
 * IPv6 address is shown as ::1.
 */
export function shownAddress(stored: string | null | undefined): string | null {
  const address = canonicalAddress(stored);
  return address === '::' ? '::1' : address;
}
