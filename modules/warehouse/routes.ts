import { Hono } from "hono";
import { Id } from "../../contracts/ids.ts";
import { ReceiptBody } from "../../contracts/warehouse/api.ts";
import { StockLevel } from "../../contracts/warehouse/stock.ts";
import { AppError, endpoint, type ModuleContext, newId, requireOperator, resource } from "../../runtime/module-api/index.ts";
import { receiveStock } from "./receive.ts";
import { stockLevels } from "./stock.ts";

/** The operator API: look at a product's stock, book stock in. */
export function warehouseRoutes(ctx: ModuleContext): Hono {
  const app = new Hono();
  app.use("/inventory/*", requireOperator(ctx));
  resource(app, "/inventory/:product_id", {
    GET: endpoint({
      summary: "Read a product's stock",
      description: "On hand, reserved by orders, and available (never below zero); `version` grows with every change.",
      params: { product_id: Id },
      responses: { 200: StockLevel },
      errors: ["product_not_found"],
      handle: async (c, input) => {
        const productId = input.param("product_id");
        const stock = (await stockLevels(ctx.db.em(), [productId])).get(productId);
        if (!stock) throw new AppError("product_not_found", `the warehouse has no stock of ${productId}`);
        return c.json(stock, 200);
      },
    }),
  });
  resource(app, "/inventory/:product_id/receipts", {
    POST: endpoint({
      summary: "Receive stock",
      params: { product_id: Id },
      body: ReceiptBody,
      responses: { 201: StockLevel },
      errors: ["amount_out_of_range"],
      handle: async (c, input) => {
        const productId = input.param("product_id");
        const { quantity } = await input.body();
        return c.json(await receiveStock(ctx, { receipt_id: newId(), product_id: productId, quantity }), 201);
      },
    }),
  });
  return app;
}
