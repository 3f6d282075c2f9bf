import type { DeviceReportView, LessonProgressView } from "../../contracts/progress/api.ts";
import type { Tx } from "../../runtime/module-api/index.ts";
import type { DeviceReport } from "./entities.ts";

/**
 * The merge rule of a lesson's progress, written from several devices at once. Last-writer-wins would keep
 * one device's report and lose the other's (seed 000: one session's actions overwrote the other's progress),
 * so nothing is overwritten. Each device has its own report (one row per user, lesson and device) and every
 * field of it only grows:
 *
 *   version           max(stored, reported)    the device's own counter: the newest report merged from it
 *   position_seconds  max(stored, reported)    how far that device got
 *   completed_at      stored, else reported    completed once reported completed, never un-completed
 *
 * and the lesson's progress is the join of its devices' reports: the furthest position any device reached,
 * completed once any device completed it (at the earliest such time), and each device's version, a version
 * vector saying which reports have been merged. Max and "first non-null" are commutative, associative and
 * idempotent, so the same reports merge to the same state in any order, at once or twice: two devices writing
 * together both survive, and a retried or stale report changes nothing. The price: progress never goes back,
 * so watching a lesson again from the start keeps its furthest position.
 */
export interface Report {
  readonly userId: string;
  readonly lessonId: string;
  readonly courseId: string;
  readonly device: string;
  readonly version: number;
  readonly positionSeconds: number;
  readonly completed: boolean;
}

/** Merges one report into its device's row in one statement, so two reports at once cannot read the same old row. */
export async function mergeReport(tx: Tx, report: Report, at: Date): Promise<void> {
  await tx.em.execute(
    `insert into "progress"."device_reports" (user_id, lesson_id, device, course_id, version, position_seconds, completed_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (user_id, lesson_id, device) do update set
       version = greatest(device_reports.version, excluded.version),
       position_seconds = greatest(device_reports.position_seconds, excluded.position_seconds),
       completed_at = coalesce(device_reports.completed_at, excluded.completed_at),
       updated_at = excluded.updated_at`,
    [report.userId, report.lessonId, report.device, report.courseId, report.version, report.positionSeconds, report.completed ? at : null, at],
  );
}

export const toDeviceReportView = (r: DeviceReport): DeviceReportView => ({
  lesson_id: r.lessonId,
  course_id: r.courseId,
  device: r.device,
  version: r.version,
  position_seconds: r.positionSeconds,
  completed: r.completedAt !== null && r.completedAt !== undefined,
  completed_at: r.completedAt?.toISOString() ?? null,
});

/** The join of a lesson's device reports: what the learner sees, from any device. */
export function joinReports(lessonId: string, courseId: string, reports: readonly DeviceReport[]): LessonProgressView {
  const completions = reports.flatMap((r) => (r.completedAt ? [r.completedAt.getTime()] : []));
  return {
    lesson_id: lessonId,
    course_id: courseId,
    position_seconds: Math.max(0, ...reports.map((r) => r.positionSeconds)),
    completed: completions.length > 0,
    completed_at: completions.length > 0 ? new Date(Math.min(...completions)).toISOString() : null,
    versions: Object.fromEntries([...reports].sort((a, b) => a.device.localeCompare(b.device)).map((r) => [r.device, r.version])),
  };
}
