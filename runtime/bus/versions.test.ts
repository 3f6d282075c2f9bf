import { describe, expect, it } from "vitest";
import { OrderPlaced } from "../../contracts/orders/events.ts";
import { Authenticate } from "../../contracts/users/calls.ts";
import { isAppError } from "../errors.ts";
import { readAsCurrent, writeAsVersion, writeSkewed } from "./versions.ts";

const orderPlaced = { name: OrderPlaced.type, version: OrderPlaced.version, schema: OrderPlaced.payload, past: OrderPlaced.past };
const current = {
  order_id: "o-1",
  user_id: "u-1",
  items: [{ product_id: "p-1", quantity: 2, unit_price_cents: 2999 }],
  total_cents: 5998,
  placed_at: "2026-11-22T10:00:00.000Z",
};

describe("contract versions", () => {
  it("writes order.placed as version 1 would (seed 001's orderId) and reads it back as version 2", () => {
    const old = writeAsVersion(orderPlaced, 1, current) as Record<string, unknown>;
    expect(old).toMatchObject({ orderId: "o-1", userId: "u-1", totalCents: 5998 });
    expect(old.order_id).toBeUndefined();
    expect(readAsCurrent(orderPlaced, 1, old, "event")).toEqual(current);
  });

  it("leaves the current version as it is", () => {
    expect(writeAsVersion(orderPlaced, 2, current)).toBe(current);
    expect(readAsCurrent(orderPlaced, 2, current, "event")).toEqual(current);
  });

  it("names the field when an old message does not match its own version's shape", () => {
    const error = (() => {
      try {
        return readAsCurrent(orderPlaced, 1, current, "event");
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(error, "contract_violation")).toBe(true);
    expect((error as Error).message).toMatch(/orderId/);
  });

  it("refuses a version nobody knows", () => {
    let error: unknown;
    try {
      readAsCurrent(orderPlaced, 7, current, "event");
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, "contract_violation")).toBe(true);
    expect((error as Error).message).toMatch(/v7/);
  });

  it("a release's migration changes the reply in place, at the same version, and the current reader refuses it", () => {
    const authenticate = { name: Authenticate.name, version: Authenticate.version, schema: Authenticate.reply, migrations: Authenticate.migrations };
    const reply = { user_id: "u-1", session_id: "s-1", email_verified: true };
    const written = writeSkewed(authenticate, "2.0.0", reply);
    expect(written.version).toBe(Authenticate.version);
    expect(typeof (written.value as { user_id: unknown }).user_id).toBe("number");
    expect(() => readAsCurrent(authenticate, written.version, written.value, "reply")).toThrow(/user_id/);
    expect(writeSkewed(authenticate, undefined, reply)).toEqual({ version: Authenticate.version, value: reply });
    expect(writeSkewed(orderPlaced, 1, current).version).toBe(1);
  });
});
