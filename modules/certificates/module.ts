import { CertificateIssued } from "../../contracts/certificates/events.ts";
import { defineModule } from "../../runtime/module-api/index.ts";
import { certificatesConsumes } from "./consumes.ts";
import { Certificate } from "./entities.ts";
import { certificatesProviderStates } from "./provider-states.ts";
import { certificatesRoutes } from "./routes.ts";
import { certificatesSubscribers } from "./subscribers.ts";

/** One certificate per learner and course whose exam they passed, verifiable by anyone with its public code. */
export const certificatesModule = defineModule({
  name: "certificates",
  version: "1.0.0",
  resources: ["certificates"],
  entities: [Certificate],
  publishes: [CertificateIssued],
  calls: [],
  events: certificatesSubscribers,
  routes: certificatesRoutes,
  consumes: certificatesConsumes,
  providerStates: certificatesProviderStates,
});
