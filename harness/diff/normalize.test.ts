import { describe, expect, it } from "vitest";
import { Normalizer } from "./normalize.ts";

describe("Normalizer", () => {
  it("names a random public code like an id wherever it appears, so two runs that issued different codes compare equal", () => {
    const run = (code: string) => {
      const n = new Normalizer();
      return [n.value({ code, message: `verify it with the code ${code}.` }), n.value(`/api/v1/certificates/verify/${code}`)];
    };
    expect(run("CERT-ERD9ZXB611Y8")).toEqual(run("CERT-PXSK5CVAFN80"));
    expect(run("CERT-ERD9ZXB611Y8")).toEqual([{ code: "#1", message: "verify it with the code #1." }, "/api/v1/certificates/verify/#1"]);
  });

  it("keeps error codes and other words, which are behaviour, as they are", () => {
    const n = new Normalizer();
    expect(n.value({ error: { code: "certificate_not_found", message: "no such CERT" } })).toEqual({
      error: { code: "certificate_not_found", message: "no such CERT" },
    });
  });
});
