import type { CallInteractionDescription, EventInteractionDescription, ModuleDescription, StateDescription, UseDescription } from "./description.ts";
import { type FieldMap, renderField } from "./fields.ts";

const json = (value: unknown) => JSON.stringify(value);
const given = (state: StateDescription) => `given "${state.name}"${state.params && Object.keys(state.params).length ? ` ${json(state.params)}` : ""}`;
const indent = (lines: readonly string[], by: string) => lines.map((l) => `${by}${l}`);

const fieldLines = (map: FieldMap): string[] => {
  const lines = Object.entries(map).map(([path, field]) => renderField(path, field));
  return lines.length ? lines : ["(nothing)"];
};

function interactionLines(interaction: CallInteractionDescription | EventInteractionDescription): string[] {
  const head = `• ${interaction.description} — ${given(interaction.given)}`;
  if ("example" in interaction) return [head, `    publishes ${json(interaction.example)}`];
  const outcome = "reply" in interaction.respond ? `reply ${json(interaction.respond.reply)}` : `error ${interaction.respond.error}`;
  return [head, `    request ${json(interaction.request)}`, `    → ${outcome}`];
}

/** `→ users: users.get (call v1)`, the fields it reads, then each interaction. */
function renderUse(use: UseDescription): string[] {
  const arrow = use.kind === "call" ? "→" : "←";
  const versions = use.understands.length > 1 ? `, understands v${use.understands.join(", v")}` : "";
  return [
    `${arrow} ${use.provider}: ${use.name} (${use.kind} v${use.version}${versions})`,
    "    reads:",
    ...indent(fieldLines(use.reads), "      "),
    `    interactions (${use.interactions.length}):`,
    ...indent(use.interactions.flatMap(interactionLines), "      "),
  ];
}

/** A module's consumer contract: every use, what it reads, every interaction. */
export function renderConsumerContract(module: ModuleDescription): string {
  const header = `${module.name}@${module.version} consumes`;
  if (module.consumes.length === 0) return `${header} nothing (no consumer contract)`;
  return [header, ...indent(module.consumes.flatMap(renderUse), "  ")].join("\n");
}

/** Everything about one module: the calls it owns, the events it publishes, its consumer contract. */
export function renderModule(module: ModuleDescription): string {
  const calls = module.calls.flatMap((call) => [
    `call ${call.name} v${call.version}${call.errors.length ? `  errors: ${call.errors.join(", ")}` : ""}`,
    "    request:",
    ...indent(fieldLines(call.request), "      "),
    `    required: ${call.required.join(", ") || "(nothing)"}`,
    "    reply:",
    ...indent(fieldLines(call.reply), "      "),
    ...call.pastReplies.flatMap((p) => [`    reply v${p.version} (past):`, ...indent(fieldLines(p.fields), "      ")]),
  ]);
  const events = module.events.flatMap((event) => [
    `event ${event.type} v${event.version}`,
    "    payload:",
    ...indent(fieldLines(event.payload), "      "),
    ...event.past.flatMap((p) => [`    payload v${p.version} (past):`, ...indent(fieldLines(p.fields), "      ")]),
  ]);
  const provides = [...calls, ...events];
  return [
    `${module.name}@${module.version}`,
    "  provides:",
    ...indent(provides.length ? provides : ["(nothing)"], "    "),
    ...indent(renderConsumerContract(module).split("\n"), "  "),
  ].join("\n");
}
