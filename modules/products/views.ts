import { fromCents } from "../../contracts/money.ts";
import type { ProductView } from "../../contracts/products/api.ts";
import type { Product } from "./entities.ts";

export const toProductView = (product: Product): ProductView => ({
  id: product.id,
  name: product.name,
  description: product.description,
  price: fromCents(product.priceCents),
  inventory: product.inventory,
  version: product.version,
  created_at: product.createdAt.toISOString(),
  updated_at: product.updatedAt.toISOString(),
});
