import { Hono } from "hono";
import type { Transport } from "../bus/transport.ts";
import { AppError } from "../errors.ts";
import { type OperatorGate, requireOperatorPage } from "../http/operator.ts";
import type { ModuleDefinition } from "../module.ts";

/** Where the edge serves the dashboard of the system's event queues. */
const QUEUE_DASHBOARD_PATH = "/admin/queues";

/**
 * The dashboard of every subscribing module's queue, when the events travel through queues (split: BullMQ,
 * shown in Bull Board), behind the operator key. Where they do not (the monolith's in-memory bus) there is
 * nothing to show, and the path says so in a 404. Only the edge mounts it: the gateway sees every queue.
 */
export function queueDashboardRoutes(transport: Transport, modules: readonly ModuleDefinition[], operators: OperatorGate): Hono {
  const app = new Hono();
  // Hono's `/*` matches the path itself too.
  const everything = `${QUEUE_DASHBOARD_PATH}/*`;
  if (!transport.dashboard) {
    return app.all(everything, () => {
      throw new AppError(
        "not_found",
        "this process has no queues: its events do not travel on a broker (the split topology's gateway serves Bull Board)",
      );
    });
  }
  const subscribers = modules.filter((m) => m.events.length > 0).map((m) => m.name);
  app.use(everything, requireOperatorPage(operators));
  return app.route("/", transport.dashboard(subscribers, QUEUE_DASHBOARD_PATH));
}
