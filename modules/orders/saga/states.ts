import type { ModuleGauge } from "../../../runtime/module-api/index.ts";

/** How many sagas are at each step (`done` included), for /metrics: a step whose count only grows is stuck. */
export const sagaStates: ModuleGauge = {
  name: "sagas",
  help: "Checkout and operator-order sagas, by the step they are at (done included)",
  labels: ["step"],
  read: async (ctx) => {
    const rows: { step: string; sagas: number }[] = await ctx.db
      .em()
      .execute(`select step, count(*)::int as sagas from "orders"."sagas" group by step`);
    return rows.map((row) => ({ labels: { step: row.step }, value: Number(row.sagas) }));
  },
};
