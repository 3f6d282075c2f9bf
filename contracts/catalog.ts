import { GetCart } from "./cart/calls.ts";
import { CertificateIssued } from "./certificates/events.ts";
import { GetCourse, GetLessonAccess } from "./courses/calls.ts";
import { CourseEnrolled } from "./courses/events.ts";
import type { CallContract, EventContract } from "./define.ts";
import { ExamFailed, ExamPassed } from "./exams/events.ts";
import { ReadFlag } from "./flags/calls.ts";
import { FlagChanged } from "./flags/events.ts";
import { Notify } from "./notifications/calls.ts";
import { HasPurchased } from "./orders/calls.ts";
import { OrderCancelled, OrderConfirmed, OrderPlaced } from "./orders/events.ts";
import { ChargeCard, RefundCharge } from "./payments/calls.ts";
import { PaymentFailed, PaymentRefunded, PaymentSucceeded } from "./payments/events.ts";
import { QuoteProducts } from "./products/calls.ts";
import { ProductCreated, ProductUpdated } from "./products/events.ts";
import { GetCourseCompletion } from "./progress/calls.ts";
import { CourseCompleted, LessonCompleted } from "./progress/events.ts";
import { ReviewCommented, ReviewLiked, ReviewPosted } from "./reviews/events.ts";
import { FindProducts } from "./search/calls.ts";
import { PostCommented, PostLiked } from "./social/events.ts";
import { TutorSessionCompleted } from "./tutor/events.ts";
import { Authenticate, GetUser } from "./users/calls.ts";
import { PasswordChanged, PasswordResetRequested, UserCreated, UserVerified, VerificationRequested } from "./users/events.ts";
import { CommitReservation, GetAvailability, ReceiveStock, ReleaseReservation, ReserveStock } from "./warehouse/calls.ts";
import { InventoryCommitted, InventoryInsufficient, InventoryReceived, InventoryReleased, InventoryReserved } from "./warehouse/events.ts";

/** Every call and event of the shop: what the bus validates against on both ends. */
export const shopCalls: readonly CallContract[] = [
  GetUser,
  Authenticate,
  QuoteProducts,
  ReceiveStock,
  ReserveStock,
  CommitReservation,
  ReleaseReservation,
  GetAvailability,
  ChargeCard,
  RefundCharge,
  GetCart,
  HasPurchased,
  FindProducts,
  Notify,
  ReadFlag,
];

export const shopEvents: readonly EventContract[] = [
  UserCreated,
  VerificationRequested,
  UserVerified,
  PasswordResetRequested,
  PasswordChanged,
  ProductCreated,
  ProductUpdated,
  InventoryReceived,
  InventoryReserved,
  InventoryCommitted,
  InventoryReleased,
  InventoryInsufficient,
  PaymentSucceeded,
  PaymentFailed,
  PaymentRefunded,
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  ReviewPosted,
  ReviewCommented,
  ReviewLiked,
  FlagChanged,
];

/** Every call and event of the learning platform (modules/learning.ts). */
export const learningCalls: readonly CallContract[] = [GetUser, Authenticate, GetLessonAccess, Notify, GetCourse, GetCourseCompletion];

export const learningEvents: readonly EventContract[] = [
  UserCreated,
  VerificationRequested,
  UserVerified,
  PasswordResetRequested,
  PasswordChanged,
  CourseEnrolled,
  LessonCompleted,
  CourseCompleted,
  ExamPassed,
  ExamFailed,
  CertificateIssued,
  TutorSessionCompleted,
  PostCommented,
  PostLiked,
];
