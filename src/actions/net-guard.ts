/**
 * Where outbound HTTP actions may go. A job definition is user data, so its URLs must not
 * reach the Worker's own network neighbourhood (SSRF): without ALLOW_PRIVATE_NETWORK only
 * public https hosts are allowed. Link-local addresses (cloud metadata endpoints such as
 * 169.254.169.254) are refused always. Hosts are judged after WHATWG URL parsing, which
 * already turns decimal, hex and octal IPv4 forms (`2130706433`, `0x7f.1`, `0177.0.0.1`)
 * into dotted quads; numeric leftovers the parser did not normalise are refused too.
 *
 * Only the URL is judged: a public name that resolves to a private address is the
 * platform's to stop (deployed Workers cannot reach private networks; a self-hosted
 * runtime must block those destinations in its own egress, see the README's Security).
 */

/** Cloud metadata service names: refused even with ALLOW_PRIVATE_NETWORK. */
const ALWAYS_BLOCKED_HOSTS = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

/** Names that mean this machine or a private network, by exact name. */
const PRIVATE_NAMES = new Set([
  "localhost",
  "localhost.localdomain",
  "ip6-localhost",
  "ip6-loopback",
]);

/** Suffixes reserved for loopback and private networks (RFC 6761, 6762, 8375, ICANN's .internal). */
const PRIVATE_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

/** An IPv4 range as numbers (parsed once, not on every check): its first address and size. */
interface V4Range {
  start: number;
  size: number;
}

/** IPv4 ranges refused without allowPrivate, as [base address, prefix length]. */
const PRIVATE_V4: readonly V4Range[] = (
  [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["224.0.0.0", 4],
    ["240.0.0.0", 4],
  ] as const
).map(([base, bits]) => toRange(base, bits));
const LINK_LOCAL_V4 = toRange("169.254.0.0", 16);
/** Metadata services outside link-local (Alibaba Cloud's): refused always, like link-local. */
const METADATA_V4 = toRange("100.100.100.200", 32);

/**
 * Checks an outbound URL. Returns null when the call may go ahead, else a short reason.
 * `allowPrivate` (from `ALLOW_PRIVATE_NETWORK === "true"`) admits `http:`, localhost and
 * private ranges, never link-local.
 */
export function checkOutboundUrl(url: string | URL, allowPrivate: boolean): string | null {
  // An already parsed URL (an action's prepared request) is not parsed again.
  const parsed = typeof url === "string" ? parseUrl(url) : url;
  if (parsed === null) return `${JSON.stringify(url)} is not a valid absolute URL`;
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return `scheme ${parsed.protocol} is not allowed (https only)`;
  }
  if (parsed.protocol === "http:" && !allowPrivate) return "plain http is not allowed (https only)";
  // Every trailing dot goes: `localhost..` is still localhost to a resolver.
  const host = parsed.hostname.toLowerCase().replace(/\.+$/, "");
  if (host === "") return "the URL has no host";
  const reason = host.startsWith("[") ? checkIPv6(host.slice(1, -1)) : checkHostName(host);
  if (reason === null) return null;
  if (reason.always || !allowPrivate) return `host ${parsed.hostname} is ${reason.what}`;
  return null;
}

function parseUrl(url: string): URL | null {
  return URL.canParse(url) ? new URL(url) : null;
}

interface Refusal {
  what: string;
  /** Refused even when private networks are allowed. */
  always: boolean;
}

function checkHostName(host: string): Refusal | null {
  if (ALWAYS_BLOCKED_HOSTS.has(host)) return { what: "a cloud metadata endpoint", always: true };
  if (PRIVATE_NAMES.has(host) || PRIVATE_SUFFIXES.some((suffix) => host.endsWith(suffix)))
    return { what: "a loopback or private network name", always: false };
  const v4 = parseIPv4(host);
  if (v4 !== null) return checkIPv4(v4);
  // Anything purely numeric that the URL parser did not turn into a dotted quad is a trick.
  if (/^[0-9.]+$/.test(host) || /^0x[0-9a-f.x]*$/.test(host))
    return { what: "a numeric address form", always: false };
  return null;
}

function checkIPv4(address: number): Refusal | null {
  if (inRange(address, LINK_LOCAL_V4) || inRange(address, METADATA_V4))
    return { what: "link-local (metadata) address", always: true };
  if (address === 0xffffffff) return { what: "the broadcast address", always: false };
  if (PRIVATE_V4.some((range) => inRange(address, range)))
    return { what: "a private or reserved address", always: false };
  return null;
}

function checkIPv6(text: string): Refusal | null {
  const groups = parseIPv6(text);
  if (groups === null) return { what: "not a valid IPv6 address", always: true };
  const [g0 = 0, , , , , g5 = 0, g6 = 0, g7 = 0] = groups;
  const embeddedV4 = ((g6 << 16) | g7) >>> 0;
  const allZeroUntil = (end: number) => groups.slice(0, end).every((group) => group === 0);
  if ((g0 & 0xffc0) === 0xfe80) return { what: "link-local (fe80::/10)", always: true };
  if (allZeroUntil(5) && g5 === 0xffff) {
    // IPv4-mapped (::ffff:a.b.c.d): judge the IPv4 inside, and never let it pass unless allowed.
    return checkIPv4(embeddedV4) ?? { what: "an IPv4-mapped IPv6 address", always: false };
  }
  if (allZeroUntil(4) && groups[4] === 0xffff && g5 === 0) {
    // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765): the same IPv4 inside another prefix.
    return checkIPv4(embeddedV4) ?? { what: "an IPv4-translated IPv6 address", always: false };
  }
  if (g0 === 0x2002) {
    // 6to4 (2002:aabb:ccdd::/48) carries an IPv4 address in groups 1-2: judge that one.
    return checkIPv4((((groups[1] ?? 0) << 16) | (groups[2] ?? 0)) >>> 0);
  }
  const isAwsMetadata = g0 === 0xfd00 && groups[1] === 0x0ec2 && g7 === 0x254;
  if (isAwsMetadata && groups.slice(2, 7).every((group) => group === 0))
    return { what: "a cloud metadata address", always: true };
  if (allZeroUntil(7) && g7 <= 1)
    return { what: "the IPv6 loopback or unspecified address", always: false };
  if (allZeroUntil(6))
    return checkIPv4(embeddedV4) ?? { what: "an IPv4-compatible IPv6 address", always: false };
  if (g0 === 0x64 && groups[1] === 0xff9b) return checkIPv4(embeddedV4);
  if ((g0 & 0xfe00) === 0xfc00) return { what: "a unique local address (fc00::/7)", always: false };
  if ((g0 & 0xffc0) === 0xfec0) return { what: "a site-local address (fec0::/10)", always: false };
  if ((g0 & 0xff00) === 0xff00) return { what: "a multicast address", always: false };
  return null;
}

/** Dotted-quad IPv4 as an unsigned 32-bit number, or null. */
function parseIPv4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part))) return null;
  const octets = parts.map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((acc, octet) => acc * 256 + octet, 0);
}

function toRange(base: string, bits: number): V4Range {
  return { start: parseIPv4(base) ?? 0, size: 2 ** (32 - bits) };
}

function inRange(address: number, { start, size }: V4Range): boolean {
  return address >= start && address < start + size;
}

/** Eight 16-bit groups of an IPv6 address (`::` and a trailing dotted IPv4 allowed), or null. */
function parseIPv6(text: string): number[] | null {
  let body = text;
  const tail: number[] = [];
  const v4Match = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (v4Match) {
    const v4 = parseIPv4(v4Match[2] ?? "");
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    body = v4Match[1]?.endsWith("::") ? (v4Match[1] ?? "") : (v4Match[1] ?? "").slice(0, -1);
  }
  const halves = body.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string | undefined) => (part ? part.split(":") : []);
  const head = parse(halves[0]);
  const rest = parse(halves[1]);
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/.test(group))) return null;
  const missing = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const zeros = new Array<number>(halves.length === 1 ? 0 : missing).fill(0);
  return [
    ...head.map((g) => Number.parseInt(g, 16)),
    ...zeros,
    ...rest.map((g) => Number.parseInt(g, 16)),
    ...tail,
  ];
}
