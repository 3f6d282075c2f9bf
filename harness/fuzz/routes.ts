import { AddItemBody, SetQuantityBody } from "../../contracts/cart/api.ts";
import type { AnySchema } from "../../contracts/define.ts";
import type { ErrorCode } from "../../contracts/errors.ts";
import { NotificationListQuery } from "../../contracts/notifications/api.ts";
import { CheckoutBody, OrderListQuery, PlaceOrderBody } from "../../contracts/orders/api.ts";
import { CreateChargeBody, RefundBody } from "../../contracts/payments/api.ts";
import { CreateProductBody, ProductListQuery, UpdateProductBody } from "../../contracts/products/api.ts";
import { CommentBody, CreateReviewBody, ReviewListQuery } from "../../contracts/reviews/api.ts";
import { SearchQuery } from "../../contracts/search/api.ts";
import {
  CreateUserBody,
  ForgotPasswordBody,
  LoginBody,
  ProfileBody,
  RegisterBody,
  ResetPasswordBody,
  VerifyEmailBody,
} from "../../contracts/users/api.ts";
import { ReceiptBody } from "../../contracts/warehouse/api.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who a route is for: anyone, a customer's session, the operator key, or either of the last two. */
export type Audience = "public" | "customer" | "operator" | "either";

/** What a path parameter names: one of the fuzzer's own fixtures of that kind (it also tries any other id). */
export type ParamKind = "product" | "user" | "session" | "order" | "charge" | "review";

/** One public route as the fuzzer sees it: how to reach it and what it reads. */
export interface Route {
  readonly method: Method;
  /** Hono's template, as the app registers it. */
  readonly path: `/api/v1/${string}`;
  /** The module that owns it (whose state a rejected write must leave alone). */
  readonly module: string;
  readonly audience: Audience;
  readonly body?: AnySchema;
  readonly query?: AnySchema;
  readonly params?: Readonly<Record<string, ParamKind>>;
  /** Needs an Idempotency-Key header. */
  readonly idempotent?: true;
  /** Needs If-Match with the cart's ETag. */
  readonly ifMatch?: true;
  /** A success signs the fuzzer's own session out. */
  readonly endsSession?: true;
  /** 5xx codes this route answers by design (the fake provider's retryable failure). */
  readonly by5xxDesign?: readonly ErrorCode[];
}

const route = (
  method: Method,
  path: Route["path"],
  module: string,
  audience: Audience,
  more: Omit<Route, "method" | "path" | "module" | "audience"> = {},
): Route => ({
  method,
  path,
  module,
  audience,
  ...more,
});

/** Every public route of the shop; routes.test.ts fails when the app registers one that is not here. */
export const publicRoutes: readonly Route[] = [
  route("POST", "/api/v1/users", "users", "operator", { body: CreateUserBody }),
  route("GET", "/api/v1/users/:id", "users", "operator", { params: { id: "user" } }),
  route("POST", "/api/v1/auth/register", "users", "public", { body: RegisterBody }),
  route("POST", "/api/v1/auth/verify-email", "users", "public", { body: VerifyEmailBody }),
  route("POST", "/api/v1/auth/login", "users", "public", { body: LoginBody }),
  route("POST", "/api/v1/auth/logout", "users", "customer", { endsSession: true }),
  route("POST", "/api/v1/auth/forgot-password", "users", "public", { body: ForgotPasswordBody }),
  route("POST", "/api/v1/auth/reset-password", "users", "public", { body: ResetPasswordBody }),
  route("GET", "/api/v1/profile", "users", "customer"),
  route("PUT", "/api/v1/profile", "users", "customer", { body: ProfileBody }),
  route("GET", "/api/v1/sessions", "users", "customer"),
  route("DELETE", "/api/v1/sessions/:id", "users", "customer", { params: { id: "session" }, endsSession: true }),

  route("GET", "/api/v1/products", "products", "public", { query: ProductListQuery }),
  route("POST", "/api/v1/products", "products", "operator", { body: CreateProductBody }),
  route("GET", "/api/v1/products/:id", "products", "public", { params: { id: "product" } }),
  route("PATCH", "/api/v1/products/:id", "products", "operator", { params: { id: "product" }, body: UpdateProductBody }),

  route("GET", "/api/v1/inventory/:product_id", "warehouse", "operator", { params: { product_id: "product" } }),
  route("POST", "/api/v1/inventory/:product_id/receipts", "warehouse", "operator", { params: { product_id: "product" }, body: ReceiptBody }),

  route("GET", "/api/v1/cart", "cart", "customer"),
  route("POST", "/api/v1/cart/items", "cart", "customer", { body: AddItemBody }),
  route("PUT", "/api/v1/cart/items/:product_id", "cart", "customer", { params: { product_id: "product" }, body: SetQuantityBody, ifMatch: true }),
  route("DELETE", "/api/v1/cart/items/:product_id", "cart", "customer", { params: { product_id: "product" }, ifMatch: true }),

  route("POST", "/api/v1/checkout", "orders", "customer", { body: CheckoutBody, idempotent: true }),
  route("POST", "/api/v1/orders", "orders", "operator", { body: PlaceOrderBody }),
  route("GET", "/api/v1/orders", "orders", "either", { query: OrderListQuery }),
  route("GET", "/api/v1/orders/:id", "orders", "either", { params: { id: "order" } }),

  route("POST", "/api/v1/payments/charges", "payments", "operator", {
    body: CreateChargeBody,
    idempotent: true,
    by5xxDesign: ["payment_provider_error"],
  }),
  route("GET", "/api/v1/payments/charges/:id", "payments", "operator", { params: { id: "charge" } }),
  route("POST", "/api/v1/payments/charges/:id/refunds", "payments", "operator", { params: { id: "charge" }, body: RefundBody, idempotent: true }),

  route("GET", "/api/v1/notifications", "notifications", "customer", { query: NotificationListQuery }),
  route("GET", "/api/v1/notifications/:user_id", "notifications", "operator", { params: { user_id: "user" }, query: NotificationListQuery }),

  route("GET", "/api/v1/search", "search", "public", { query: SearchQuery }),

  route("GET", "/api/v1/reviews", "reviews", "public", { query: ReviewListQuery }),
  route("POST", "/api/v1/reviews", "reviews", "customer", { body: CreateReviewBody }),
  route("GET", "/api/v1/reviews/:id", "reviews", "public", { params: { id: "review" } }),
  route("GET", "/api/v1/reviews/:id/comments", "reviews", "public", { params: { id: "review" } }),
  route("POST", "/api/v1/reviews/:id/comments", "reviews", "customer", { params: { id: "review" }, body: CommentBody }),
  route("PUT", "/api/v1/reviews/:id/like", "reviews", "customer", { params: { id: "review" } }),
  route("DELETE", "/api/v1/reviews/:id/like", "reviews", "customer", { params: { id: "review" } }),
];

export const routeKey = (r: { readonly method: string; readonly path: string }): string => `${r.method} ${r.path}`;
