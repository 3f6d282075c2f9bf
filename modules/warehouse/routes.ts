import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { ReceiptBody } from "../../contracts/warehouse/api.ts";
import { newId } from "../../runtime/bus/context.ts";
import { AppError } from "../../runtime/errors.ts";
import { readBody } from "../../runtime/http/body.ts";
import { requireOperator } from "../../runtime/http/operator.ts";
import { readParam } from "../../runtime/http/params.ts";
import { resource } from "../../runtime/http/resource.ts";
import type { ModuleContext } from "../../runtime/module.ts";
import { receiveStock } from "./receive.ts";
import { stockLevels } from "./stock.ts";

/** The operator API: look at a product's stock, book stock in. */
export function warehouseRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use("/inventory/*", requireOperator(ctx.config.operatorKey));
  resource(app, "/inventory/:product_id", {
    GET: async (c) => {
      const productId = readParam(c, "product_id", Id);
      const stock = (await stockLevels(ctx.db.em(), [productId])).get(productId);
      if (!stock) throw new AppError("product_not_found", `the warehouse has no stock of ${productId}`);
      return c.json(stock, 200);
    },
  });
  resource(app, "/inventory/:product_id/receipts", {
    POST: async (c) => {
      const productId = readParam(c, "product_id", Id);
      const { quantity } = await readBody(c, ReceiptBody);
      return c.json(await receiveStock(ctx, { receipt_id: newId(), product_id: productId, quantity }), 201);
    },
  });
  return app;
}
