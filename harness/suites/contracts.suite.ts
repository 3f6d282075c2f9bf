import { shop } from "../../modules/index.ts";
import { verificationSuite } from "../contracts/verify.ts";

/** Every consumer contract of the shop, verified against the real providers of the topology under test. */
export const contractSuite = verificationSuite(shop.modules.flatMap((m) => (m.consumes ? [m.consumes] : [])));
