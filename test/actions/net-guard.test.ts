import { describe, expect, it } from "vitest";
import { checkOutboundUrl } from "../../src/actions/net-guard";

/** [url, allowed without allowPrivate, allowed with allowPrivate] */
const TABLE: [string, boolean, boolean][] = [
  ["https://api.example.com/posts", true, true],
  ["https://93.184.216.34/", true, true],
  ["https://[2606:4700:4700::1111]/", true, true],
  ["http://api.example.com/", false, true],
  ["ftp://example.com/", false, false],
  ["file:///etc/passwd", false, false],
  ["not a url", false, false],
  ["https://localhost/", false, true],
  ["https://LOCALHOST./", false, true],
  ["https://api.localhost/", false, true],
  ["https://127.0.0.1/", false, true],
  ["https://127.1.2.3/", false, true],
  ["https://10.0.0.1/", false, true],
  ["https://172.16.0.1/", false, true],
  ["https://172.31.255.255/", false, true],
  ["https://172.32.0.1/", true, true],
  ["https://192.168.1.1/", false, true],
  ["https://100.64.0.1/", false, true],
  ["https://100.128.0.1/", true, true],
  ["https://0.0.0.0/", false, true],
  ["https://255.255.255.255/", false, true],
  // Numeric tricks: decimal, hex, octal and short forms of 127.0.0.1.
  ["https://2130706433/", false, true],
  ["https://0x7f000001/", false, true],
  ["https://0x7f.0.0.1/", false, true],
  ["https://0177.0.0.1/", false, true],
  ["https://127.1/", false, true],
  ["https://[::1]/", false, true],
  ["https://[::]/", false, true],
  ["https://[fc00::1]/", false, true],
  ["https://[fd12:3456::1]/", false, true],
  ["https://[::ffff:127.0.0.1]/", false, true],
  ["https://[::ffff:7f00:1]/", false, true],
  ["https://[::ffff:8.8.8.8]/", false, true],
  // Link-local (cloud metadata) is refused always.
  ["http://169.254.169.254/latest/meta-data", false, false],
  ["https://169.254.0.1/", false, false],
  ["https://2852039166/", false, false],
  ["https://0xa9fea9fe/", false, false],
  ["https://[fe80::1]/", false, false],
  ["https://[febf::1]/", false, false],
  ["https://[::ffff:169.254.169.254]/", false, false],
  ["http://metadata.google.internal/", false, false],
  // Found by review: names and forms that reached local or private hosts.
  ["https://localhost../", false, true],
  ["https://127.0.0.1../", false, true],
  ["https://foo.localhost./", false, true],
  ["https://printer.local/", false, true],
  ["https://db.internal/", false, true],
  ["https://host.docker.internal/", false, true],
  ["https://localhost.localdomain/", false, true],
  ["https://ip6-localhost/", false, true],
  ["https://[::ffff:0:7f00:1]/", false, true],
  ["https://[::ffff:0:10.0.0.1]/", false, true],
  ["https://[2002:7f00:1::]/", false, true],
  ["https://[2002:c0a8:101::1]/", false, true],
  ["https://[2002:5db8:d822::1]/", true, true],
  ["https://[fec0::1]/", false, true],
  ["https://[feff::1]/", false, true],
  // Metadata stays refused with private networks allowed, under any of its names and forms.
  ["http://metadata.google.internal./", false, false],
  ["http://metadata.google.internal../", false, false],
  ["http://metadata/", false, false],
  ["http://metadata.goog/", false, false],
  ["http://instance-data/", false, false],
  ["http://100.100.100.200/", false, false],
  ["http://[fd00:ec2::254]/", false, false],
  ["http://[::ffff:0:a9fe:a9fe]/", false, false],
  ["http://[2002:a9fe:a9fe::]/", false, false],
];

describe("checkOutboundUrl", () => {
  it.each(TABLE)("%s → public-only %s, private allowed %s", (url, publicOnly, withPrivate) => {
    expect(checkOutboundUrl(url, false) === null).toBe(publicOnly);
    expect(checkOutboundUrl(url, true) === null).toBe(withPrivate);
  });

  it("says why a URL is refused", () => {
    expect(checkOutboundUrl("http://example.com/", false)).toMatch(/https only/);
    expect(checkOutboundUrl("https://169.254.169.254/", true)).toMatch(/link-local/);
    expect(checkOutboundUrl("https://10.1.1.1/", false)).toMatch(/private/);
  });
});
