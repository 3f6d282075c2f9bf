import { GetCourse } from "../../contracts/courses/calls.ts";
import type { CreateExamBody, ExamView } from "../../contracts/exams/api.ts";
import { AppError, type ModuleContext, newId } from "../../runtime/module-api/index.ts";
import { Exam, Question } from "./entities.ts";
import { toExamView } from "./views.ts";

/**
 * The operator's exam for a course, questions and all, in one transaction. Courses says the course exists and
 * its title (asked before the transaction); the unique course id refuses a second exam for it, even two at once.
 */
export async function createExam(ctx: ModuleContext, body: CreateExamBody): Promise<ExamView> {
  const course = await ctx.call(GetCourse, { course_id: body.course_id });
  return ctx.db.transaction(async ({ em }) => {
    const id = newId();
    const now = ctx.clock.now();
    const title = body.title ?? `${course.title}: final exam`;
    const inserted = await em.execute(
      `insert into "exams"."exams" (id, course_id, course_title, title, pass_mark, time_limit_seconds, created_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (course_id) do nothing returning id`,
      [id, course.course_id, course.title, title, body.pass_mark, body.time_limit_seconds, now],
    );
    if (inserted.length === 0) throw new AppError("exam_exists", "this course has an exam already");
    const questions = body.questions.map((q, i) =>
      em.create(Question, { id: newId(), examId: id, position: i + 1, text: q.text, choices: q.choices, answer: q.answer }),
    );
    return toExamView(await em.findOneOrFail(Exam, { id }), questions);
  });
}

export async function findExam(ctx: ModuleContext, id: string): Promise<Exam> {
  const exam = await ctx.db.em().findOne(Exam, { id });
  if (!exam) throw new AppError("exam_not_found", "no such exam");
  return exam;
}

export async function readExam(ctx: ModuleContext, id: string): Promise<ExamView> {
  const exam = await findExam(ctx, id);
  return toExamView(exam, await ctx.db.em().find(Question, { examId: id }));
}
