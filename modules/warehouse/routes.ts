import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { ReceiptBody } from "../../contracts/warehouse/api.ts";
import { AppError, type ModuleContext, newId, readBody, readParam, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { receiveStock } from "./receive.ts";
import { stockLevels } from "./stock.ts";

/** The operator API: look at a product's stock, book stock in. */
export function warehouseRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use("/inventory/*", requireOperator(ctx));
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
