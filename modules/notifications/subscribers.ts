import { fromCents } from "../../contracts/money.ts";
import { OrderPlaced } from "../../contracts/orders/events.ts";
import { UserCreated } from "../../contracts/users/events.ts";
import { newId } from "../../runtime/bus/context.ts";
import { type EventContext, on } from "../../runtime/module.ts";
import { Notification } from "./entities.ts";

const notify = (ctx: EventContext, userId: string, kind: string, message: string) =>
  ctx.transaction(async ({ em }) => {
    em.create(Notification, { id: newId(), userId, kind, message, createdAt: new Date() });
  });

export const welcome = on(UserCreated, (event, ctx) =>
  notify(ctx, event.user_id, "welcome", `Welcome, ${event.name}!`),
);

export const orderPlaced = on(OrderPlaced, (event, ctx) =>
  notify(ctx, event.user_id, "order_placed", `Your order ${event.order_id} for ${fromCents(event.total_cents).toFixed(2)} was placed.`),
);
