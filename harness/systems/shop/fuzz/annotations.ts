import type { Annotation } from "../../../fuzz/annotations.ts";

/** By "METHOD /path" as the fuzzer names routes; harness/fuzz/routes.test.ts fails on a key that names no described route. */
export const shopAnnotations: Readonly<Record<string, Annotation>> = {
  "GET /api/v1/users/:id": { params: { id: "user" } },
  // Synthetic clean-up: a fixture is a real record, refused with 409 not_synthetic.
  "DELETE /api/v1/users/:id": { params: { id: "user" } },
  "POST /api/v1/auth/logout": { endsSession: true },
  "DELETE /api/v1/sessions/:id": { params: { id: "session" }, endsSession: true },

  "GET /api/v1/products": { exclusive: [["q", "cursor"]] },
  "GET /api/v1/products/:id": { params: { id: "product" } },
  "PATCH /api/v1/products/:id": { params: { id: "product" } },

  "GET /api/v1/inventory/:product_id": { params: { product_id: "product" } },
  "POST /api/v1/inventory/:product_id/receipts": { params: { product_id: "product" } },

  "PUT /api/v1/cart/items/:product_id": { params: { product_id: "product" } },
  "DELETE /api/v1/cart/items/:product_id": { params: { product_id: "product" } },

  "GET /api/v1/orders/:id": { params: { id: "order" } },
  "DELETE /api/v1/orders/:id": { params: { id: "order" } },

  "POST /api/v1/payments/charges": { by5xxDesign: ["payment_provider_error"] },
  "GET /api/v1/payments/charges/:id": { params: { id: "charge" } },
  "POST /api/v1/payments/charges/:id/refunds": { params: { id: "charge" } },

  "GET /api/v1/notifications/:user_id": { params: { user_id: "user" } },
  "DELETE /api/v1/notifications/:user_id": { params: { user_id: "user" } },

  "GET /api/v1/reviews/:id": { params: { id: "review" } },
  "GET /api/v1/reviews/:id/comments": { params: { id: "review" } },
  "POST /api/v1/reviews/:id/comments": { params: { id: "review" } },
  "PUT /api/v1/reviews/:id/like": { params: { id: "review" } },
  "DELETE /api/v1/reviews/:id/like": { params: { id: "review" } },

  "GET /api/v1/flags/:name": { params: { name: "flag" } },
  "PUT /api/v1/flags/:name": { params: { name: "flag" } },
  "GET /api/v1/flags/:name/users/:user_id": { params: { name: "flag", user_id: "user" } },
};
