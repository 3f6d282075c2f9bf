import { CORRELATION_HEADER } from "../../../runtime/http/correlation.ts";
import type { SagaJourney } from "../../checkers/saga-compensation.ts";
import { bearer, newCustomer } from "../shared/identity.ts";
import { addToCart, checkout, newProduct } from "./steps.ts";

/** How the shop starts each saga its modules declare, for the compensation checker: checkout is a customer's. */
export const shopSagaJourneys: Readonly<Record<string, SagaJourney>> = {
  checkout: async (sys) => {
    const productId = await newProduct(sys, { price: 9, inventory: 3 });
    const customer = await newCustomer(sys);
    await addToCart(sys, customer.token, productId, 1);
    const placed = await checkout(sys, customer.token, { payment_token: "tok_visa" });
    if (placed.status !== 202) throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
    const correlationId = placed.headers.get(CORRELATION_HEADER) ?? "";
    return {
      correlationId,
      state: async () => {
        const order = await sys.http.get(`/api/v1/orders/${placed.body.id}`, { headers: bearer(customer.token) });
        if (order.body.saga_step !== "done") return "pending";
        return order.body.status === "confirmed" ? "completed" : "compensated";
      },
    };
  },
};
