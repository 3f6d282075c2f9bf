import type { CallContract, EventContract } from "./define.ts";
import { OrderPlaced } from "./orders/events.ts";
import { QuoteProducts } from "./products/calls.ts";
import { ProductCreated } from "./products/events.ts";
import { GetUser } from "./users/calls.ts";
import { UserCreated } from "./users/events.ts";

/** Every call and event of the shop: what the bus validates against on both ends. */
export const shopCalls: readonly CallContract[] = [GetUser, QuoteProducts];
export const shopEvents: readonly EventContract[] = [UserCreated, ProductCreated, OrderPlaced];
