import * as v from "valibot";
import { ReceivedQuantity } from "../common/quantity.ts";

/** Operator API: stock received for a product. */
export const ReceiptBody = v.object({ quantity: v.pipe(ReceivedQuantity, v.minValue(1)) });
