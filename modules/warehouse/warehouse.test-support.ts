import { expect } from "vitest";
import type { CallContract, CallReply, CallRequest } from "../../contracts/define.ts";
import { ReceiveStock } from "../../contracts/warehouse/calls.ts";
import type { InProcessSystem } from "../../harness/in-process.ts";
import { AppError } from "../../runtime/module-api/index.ts";

/** Calls the warehouse the way the orders saga does. */
export const callAs = <C extends CallContract>(system: InProcessSystem, contract: C, request: CallRequest<C>): Promise<CallReply<C>> =>
  system.monolith.bus.call("orders", contract, request);

/** The AppError a call fails with (fails the test if it succeeds). */
export async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

/** A fresh product with `quantity` on hand. */
export async function stocked(system: InProcessSystem, quantity: number): Promise<string> {
  const productId = crypto.randomUUID();
  await callAs(system, ReceiveStock, { receipt_id: crypto.randomUUID(), product_id: productId, quantity });
  return productId;
}

export const stockRow = async (system: InProcessSystem, productId: string) =>
  (
    await system.client.sql<{ on_hand: string; reserved: string; version: string }>(
      "warehouse",
      "select on_hand, reserved, version from stock where product_id = ?",
      [productId],
    )
  ).map((r) => ({ on_hand: Number(r.on_hand), reserved: Number(r.reserved), version: Number(r.version) }))[0];
