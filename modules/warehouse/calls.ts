import { CommitReservation, GetAvailability, ReceiveStock, ReleaseReservation, ReserveStock } from "../../contracts/warehouse/calls.ts";
import { answer } from "../../runtime/module-api/index.ts";
import { commitReservation } from "./commit.ts";
import { receiveStock } from "./receive.ts";
import { releaseReservation } from "./release.ts";
import { reserveStock } from "./reserve.ts";
import type { WarehouseContext } from "./settings.ts";
import { noStock, stockLevels } from "./stock.ts";

export const receive = answer(ReceiveStock, (request, ctx) => receiveStock(ctx, request));

export const reserve = answer(ReserveStock, (request, ctx: WarehouseContext) => reserveStock(ctx, request));

export const commit = answer(CommitReservation, ({ order_id }, ctx) => commitReservation(ctx, order_id));

export const release = answer(ReleaseReservation, ({ order_id, reason }, ctx) => releaseReservation(ctx, order_id, reason));

/** Stock of each product asked for, in the order asked; a product never stocked has zeros at version 0. */
export const availability = answer(GetAvailability, async ({ product_ids }, ctx) => {
  const levels = await stockLevels(ctx.db.em(), product_ids);
  return { stock: product_ids.map((id) => levels.get(id) ?? noStock(id)) };
});
