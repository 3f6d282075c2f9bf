import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { learningCalls, learningEvents } from "../../contracts/catalog.ts";
import { Notify } from "../../contracts/notifications/calls.ts";
import { PostCommentList, PostView } from "../../contracts/social/api.ts";
import { fakeModule, fakeSessions } from "../../harness/fakes.test-support.ts";
import { type InProcessSystem, inProcess } from "../../harness/in-process.ts";
import { answer, newId } from "../../runtime/module-api/index.ts";
import { socialModule } from "./module.ts";

/** Notices as notifications keeps them: once per (source, user). */
const notices = new Map<string, { user_id: string; kind: string; data: Record<string, string> }>();
const fakeNotifications = fakeModule("notifications", [
  answer(Notify, async ({ source_id, user_id, kind, data }) => {
    if (!notices.has(`${source_id}:${user_id}`)) notices.set(`${source_id}:${user_id}`, { user_id, kind, data });
    return { notification_id: `n-${source_id}` };
  }),
]);
const fakeUsers = fakeSessions((token) => /^token-(.+)$/.exec(token)?.[1]);

describe("social module on PGlite", () => {
  let system: InProcessSystem;
  beforeAll(async () => {
    system = await inProcess({ modules: [socialModule, fakeUsers, fakeNotifications], calls: learningCalls, events: learningEvents });
  });
  afterAll(() => system.stop());

  const as = (user: string) => ({ headers: { authorization: `Bearer token-${user}` } });
  const http = () => system.client.http;
  const post = async (author: string) => (await http().post("/api/v1/posts", { body: "What is an idempotency key?" }, as(author))).body;
  const likeCount = async (id: string) => (await system.client.sql("social", "select like_count from posts where id = ?", [id]))[0]?.like_count;
  const noticesOf = (user: string) => [...notices.values()].filter((n) => n.user_id === user);

  it("posts to the feed, and tells the author of a comment and a like once, never of their own", async () => {
    const author = `author-${newId()}`;
    const created = await post(author);
    expect(v.is(PostView, created)).toBe(true);
    expect(created).toMatchObject({ author_id: author, like_count: 0, comment_count: 0 });
    expect((await http().get("/api/v1/posts")).body.posts.map((p: { id: string }) => p.id)).toContain(created.id);

    await system.client.events.fromNow();
    const comment = await http().post(`/api/v1/posts/${created.id}/comments`, { body: "A request's name for itself." }, as("fan"));
    expect(comment.status).toBe(201);
    await http().post(`/api/v1/posts/${created.id}/comments`, { body: "And mine: thanks!" }, as(author));
    expect((await http().request("PUT", `/api/v1/posts/${created.id}/like`, as("fan"))).body).toEqual({
      post_id: created.id,
      liked: true,
      like_count: 1,
    });
    expect((await http().request("PUT", `/api/v1/posts/${created.id}/like`, as("fan"))).body.like_count).toBe(1);
    await http().request("PUT", `/api/v1/posts/${created.id}/like`, as(author));
    await system.client.idle();

    const liked = await system.client.events.all("post.liked", (e) => (e.payload as { post_id: string }).post_id === created.id);
    expect(liked).toHaveLength(2);
    // Delivered again, an event tells nobody twice: the notice's source is the event.
    for (const e of [...liked, ...(await system.client.events.all("post.commented"))]) await http().post("/__twofold/redeliver", { event_id: e.id });
    await system.client.idle();
    expect(
      noticesOf(author)
        .map((n) => [n.kind, n.data.post_id])
        .sort(),
    ).toEqual([
      ["post_commented", created.id],
      ["post_liked", created.id],
    ]);
    const comments = (await http().get(`/api/v1/posts/${created.id}/comments`)).body;
    expect(v.is(PostCommentList, comments)).toBe(true);
    expect(comments.comments.map((c: { author_id: string }) => c.author_id)).toEqual(["fan", author]);
    expect((await http().get(`/api/v1/posts/${created.id}`)).body).toMatchObject({ like_count: 2, comment_count: 2 });
  });

  it("keeps the like count at zero through a double unlike, unlikes at once and an unlike of what was never liked", async () => {
    const created = await post(`author-${newId()}`);
    await http().request("PUT", `/api/v1/posts/${created.id}/like`, as("fan"));
    const unlikes = await Promise.all([1, 2, 3].map(() => http().request("DELETE", `/api/v1/posts/${created.id}/like`, as("fan"))));
    expect(unlikes.map((u) => [u.status, u.body.like_count])).toEqual([
      [200, 0],
      [200, 0],
      [200, 0],
    ]);
    expect((await http().request("DELETE", `/api/v1/posts/${created.id}/like`, as("stranger"))).body.like_count).toBe(0);
    expect(await likeCount(created.id)).toBe(0);
    // Liking again after an unlike counts again.
    expect((await http().request("PUT", `/api/v1/posts/${created.id}/like`, as("fan"))).body.like_count).toBe(1);
  });

  it("has the database refuse a negative count, whatever the code does", async () => {
    const ddl = await system.client.sql(
      "social",
      "select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'social.posts'::regclass and contype = 'c' order by 1",
    );
    expect(ddl.map((r) => r.def)).toEqual(["CHECK ((comment_count >= 0))", "CHECK ((like_count >= 0))"]);
  });

  it("refuses writing without a session and on a post that does not exist", async () => {
    expect((await http().post("/api/v1/posts", { body: "anonymous" })).status).toBe(401);
    const missing = await http().request("PUT", "/api/v1/posts/no-such-post/like", as("fan"));
    expect([missing.status, missing.body.error.code]).toEqual([404, "post_not_found"]);
    const comment = await http().post("/api/v1/posts/no-such-post/comments", { body: "hello?" }, as("fan"));
    expect([comment.status, comment.body.error.code]).toEqual([404, "post_not_found"]);
    expect((await http().post("/api/v1/posts", { body: "  " }, as("fan"))).status).toBe(400);
  });
});
