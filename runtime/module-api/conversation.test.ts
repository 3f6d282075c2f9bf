import { describe, expect, it } from "vitest";
import { currentContext, runInContext } from "../bus/context.ts";
import { currentConversation, inConversation } from "./conversation.ts";

describe("conversations, as modules see them", () => {
  it("runs work in the conversation it names, and tells the work which one it is in", () => {
    expect(inConversation({ correlationId: "c-1", causationId: "m-1" }, () => currentConversation())).toEqual({
      correlationId: "c-1",
      causationId: "m-1",
    });
    expect(currentConversation()).toBeUndefined();
  });

  it("keeps an open transaction open, so a call made inside it is still refused", () => {
    const inside = runInContext({ correlationId: "c-0", causationId: null, inTransaction: true }, () =>
      inConversation({ correlationId: "c-1", causationId: null }, () => currentContext()),
    );
    expect(inside).toEqual({ correlationId: "c-1", causationId: null, inTransaction: true });
  });
});
