/**
 * Everything a module may use of the runtime, and nothing else (harness/layers/rules.ts holds modules to it):
 * the module's definition and contexts, its settings, ids and conversations, errors, the HTTP guards and
 * readers of its routes, rate limits, and a word search's LIKE patterns.
 */
export { newId } from "../bus/context.ts";
export type { Clock } from "../clock.ts";
export { AppError, isAppError } from "../errors.ts";
export { flagBucket, rolloutAdmits } from "../flags/bucket.ts";
export { followFlags } from "../flags/follow.ts";
export { readBody } from "../http/body.ts";
export { clientAddress } from "../http/client-address.ts";
export { endpoint } from "../http/endpoint.ts";
export { guard } from "../http/guard.ts";
export { IDEMPOTENCY_HEADER, idempotently } from "../http/idempotency.ts";
export { isOperator, requireOperator } from "../http/operator.ts";
export { readParam, readParams, readQuery } from "../http/params.ts";
export { resource } from "../http/resource.ts";
export { type Principal, principal, requireSession } from "../http/session.ts";
export { addressBucket } from "../limits/address.ts";
export { type LimitRule, limitRule } from "../limits/rate-limiter.ts";
export { throttle } from "../limits/throttle.ts";
export type { Logger } from "../log/logger.ts";
export {
  answer,
  type BackgroundTask,
  type CallBinding,
  defineModule,
  type EventBinding,
  type EventContext,
  type ModuleContext,
  type ModuleDatabase,
  type ModuleGauge,
  type ModuleReads,
  on,
  type ProviderStateHandler,
  type SagaDeclaration,
} from "../module.ts";
export { fingerprint, type StoredResponse } from "../persistence/idempotency.ts";
export { containingEachWord, everyWordIn } from "../persistence/like.ts";
export type { Tx } from "../persistence/module-db.ts";
export { OPERATOR_KEY_HEADER } from "../secrets.ts";
export { defineSettings, type SettingSpec, type SettingValues } from "../settings.ts";
export { type Conversation, currentConversation, inConversation, isSynthetic } from "./conversation.ts";
