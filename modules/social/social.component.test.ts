import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Component, startComponent } from "../../harness/stubs/component.ts";
import { deliver, eventUse, redeliver } from "../../harness/stubs/deliveries.ts";
import type { TraceEntry } from "../../runtime/observation/trace-entry.ts";
import { socialConsumes } from "./consumes.ts";
import { socialModule } from "./module.ts";

/** What the stubs generated from social's consumer contract know: the fan's session, and the author of the contract's posts. */
const fan = "u-ct-social-fan";
const author = "u-ct-social-author";
const fanAuth = { headers: { authorization: "Bearer tok-ct-social" } };
const signedOut = { headers: { authorization: "Bearer tok-ct-social-unknown" } };
/** The notice's source is the event's id, which each delivery in a test has its own of. */
const ignore = { "notifications.notify": ["source_id"] };

/** social alone, on its real database; users and notifications are stubs generated from its consumer contract. */
describe("social as a component", () => {
  let social: Component;
  const http = () => social.client.http;
  const notices = async (correlation: string) => {
    const { body } = await http().get<{ trace: TraceEntry[] }>(`/__twofold/trace?prefix=${correlation}`);
    return body.trace.filter((t) => t.kind === "call" && t.name === "notifications.notify").map((t) => t.outcome);
  };
  const authorsPost = async (id: string) => {
    const set = await http().post("/__twofold/provider-state", {
      module: "social",
      state: "post has just been liked",
      params: { post_id: id, author_id: author, liker_id: `${fan}-earlier` },
    });
    expect(set.status).toBeLessThan(300);
  };
  const likes = async (id: string) => (await http().get(`/api/v1/posts/${id}`)).body.like_count;

  beforeAll(async () => {
    social = await startComponent(socialModule, { ignore });
  });
  afterAll(() => social.stop());

  it("likes once however often it is sent, and unlikes to zero, never below, however often that is sent", async () => {
    const post = `p-ct-social-${crypto.randomUUID()}`;
    await authorsPost(post);
    expect(await likes(post)).toBe(1);
    await social.client.events.fromNow();
    const liked = await Promise.all([1, 2, 3].map(() => http().request("PUT", `/api/v1/posts/${post}/like`, fanAuth)));
    expect(liked.map((r) => [r.status, r.body.like_count])).toEqual([
      [200, 2],
      [200, 2],
      [200, 2],
    ]);
    await social.client.idle();
    expect(await social.client.events.all("post.liked", (e) => (e.payload as { liker_id: string }).liker_id === fan)).toHaveLength(1);

    const unliked = await Promise.all([1, 2, 3].map(() => http().request("DELETE", `/api/v1/posts/${post}/like`, fanAuth)));
    expect(unliked.map((r) => r.body.like_count)).toEqual([1, 1, 1]);
    const own = await http().post("/api/v1/posts", { body: "Mine" }, fanAuth);
    const never = await http().request("DELETE", `/api/v1/posts/${own.body.id}/like`, fanAuth);
    expect([never.status, never.body.like_count, await likes(own.body.id)]).toEqual([200, 0, 0]);
  });

  it("announces a comment, and tells the post's author of it through notifications once, however often the event arrives", async () => {
    const own = await http().post("/api/v1/posts", { body: "Ask me anything" }, fanAuth);
    await social.client.events.fromNow();
    const commented = await http().post(`/api/v1/posts/${own.body.id}/comments`, { body: "Me first" }, fanAuth);
    expect(commented.status).toBe(201);
    const event = await social.client.events.expect("post.commented");
    expect(event.payload).toMatchObject({ post_id: own.body.id, comment_id: commented.body.id, post_author_id: fan, commenter_id: fan });
    await social.client.idle();
    expect(await notices(event.correlationId)).toEqual([]);

    const use = eventUse(socialConsumes, "post.commented");
    const delivered = await deliver(social, use, use.interactions[0] as never);
    expect(await notices(delivered.correlationId)).toEqual(["ok"]);
    await redeliver(social, delivered);
    // The inbox holds: the redelivered event is received again and its notice is not sent twice.
    expect(await notices(delivered.correlationId)).toEqual(["ok"]);
  });

  it("answers 404 post_not_found to every read and write of a post that does not exist, and 401 to writes without a session", async () => {
    const missing = "p-ct-social-nowhere";
    const answers = await Promise.all([
      http().get(`/api/v1/posts/${missing}`),
      http().get(`/api/v1/posts/${missing}/comments`),
      http().post(`/api/v1/posts/${missing}/comments`, { body: "Hello?" }, fanAuth),
      http().request("PUT", `/api/v1/posts/${missing}/like`, fanAuth),
      http().request("DELETE", `/api/v1/posts/${missing}/like`, fanAuth),
    ]);
    expect(answers.map((a) => [a.status, a.body.error.code])).toEqual(Array(5).fill([404, "post_not_found"]));
    const refused = await http().post("/api/v1/posts", { body: "Anonymous" }, signedOut);
    expect([refused.status, refused.body.error.code]).toEqual([401, "unauthenticated"]);
  });
});
