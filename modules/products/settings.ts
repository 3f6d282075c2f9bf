import { defineSettings } from "../../runtime/module-api/index.ts";

/** The catalogue's knobs (TWOFOLD_<NAME>). */
export const productsSettings = defineSettings({
  PRODUCT_SWEEP_MS: {
    type: "integer",
    default: 1000,
    min: 1,
    description: "how often products whose stock receipt went unanswered are finished",
  },
});
