import { describe, expect, it } from "vitest";
import { addressBucket } from "./address.ts";

describe("addressBucket", () => {
  it("counts an IPv4 address as itself, mapped or not", () => {
    expect(addressBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressBucket("::FFFF:127.0.0.1")).toBe("127.0.0.1");
  });

  it("counts an IPv6 address by its /64, however it is written", () => {
    const bucket = "2001:db8:85a3:8d3::/64";
    expect(addressBucket("2001:db8:85a3:8d3:1319:8a2e:370:7348")).toBe(bucket);
    expect(addressBucket("2001:0DB8:85a3:08d3::1")).toBe(bucket);
    expect(addressBucket("2001:db8:85a3:8d3::ffff:1%eth0")).toBe(bucket);
    expect(addressBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressBucket("::1")).toBe("0:0:0:0::/64");
    expect(addressBucket("fe80::")).toBe("fe80:0:0:0::/64");
  });

  it("leaves what is not an address alone", () => {
    expect(addressBucket("unknown")).toBe("unknown");
  });
});
