import type { TraceRecord } from "../model.ts";
import { fmtMs, severity, svg, truncate } from "./dom.ts";

/**
 * The sequence diagram of one profile's trace: an inline SVG with a lifeline for the client and for every
 * module or process that appears, one arrow per record in the order records finished, labelled with name and
 * outcome (left-aligned, so a label may run past a short arrow rather than be cut); failed records are drawn
 * red on a tinted row. A publish is a diamond on the publisher's lifeline (its deliveries are the arrows); any
 * other record to itself is a loop.
 */
// tail: room right of the last lifeline for self-loop and publish labels.
const SEQ = { left: 64, lane: 150, top: 52, row: 30, tail: 90, charPx: 6.2 };

function laneNames(records: readonly TraceRecord[]): string[] {
  const names = ["client"];
  const add = (name: string) => {
    if (names.indexOf(name) < 0) names.push(name);
  };
  records.forEach((r) => {
    add(r.from || "?");
    add(receiver(r));
  });
  return names;
}

/** A publish's "to" lists its subscribers, not a participant: it stays on the publisher's lifeline. */
function receiver(record: TraceRecord): string {
  return (record.kind === "publish" ? record.from : record.to || record.from) || "?";
}

function recordLabel(record: TraceRecord): string {
  const attempt = record.attempt !== undefined && record.attempt > 1 ? ` (attempt ${record.attempt})` : "";
  const subscribers = record.subscribers?.length ? ` → ${record.subscribers.join(", ")}` : "";
  const name = record.kind === "publish" ? `publish ${record.name}${subscribers}` : record.name;
  const circuit = record.circuit && record.circuit !== "closed" ? ` [circuit ${record.circuit}]` : "";
  const fallback = record.fallback ? " [fallback answered]" : "";
  return `${name} · ${record.outcome}${attempt}${circuit}${fallback}`;
}

function recordTitle(record: TraceRecord): string {
  return [
    `${record.kind} ${record.name}`,
    `${record.from || "?"} → ${record.to || receiver(record)} on ${record.process}`,
    `outcome ${record.outcome}${record.attempt ? `, attempt ${record.attempt}` : ""}, ${fmtMs(record.durationMs)}`,
    record.circuit ? `circuit ${record.circuit}, ${record.inFlight ?? 0} other call(s) then waiting on ${record.to}` : "",
    record.fallback ? `answered by ${record.from}'s fallback in place of ${record.to}` : "",
    record.subscribers?.length ? `subscribers: ${record.subscribers.join(", ")}` : "",
    record.messageId ? `message ${record.messageId}` : "",
    `correlation ${record.correlationId}${record.causationId ? `, caused by ${record.causationId}` : ""}`,
  ]
    .filter(Boolean)
    .join("\n");
}

function arrowHead(x: number, y: number, dir: number): SVGElement {
  return svg("polygon", { points: [x, y, x - dir * 8, y - 4, x - dir * 8, y + 4].join(" ") });
}

function message(record: TraceRecord, y: number, x1: number, x2: number, width: number): SVGElement {
  const level = severity(record);
  const g = svg(
    "g",
    {
      class: `msg ${record.kind}${level === "ok" ? "" : ` ${level}`}`,
      "data-kind": record.kind,
      "data-outcome": record.outcome,
      "data-failed": level === "failed" ? "true" : "false",
    },
    svg("title", {}, recordTitle(record)),
  );
  g.appendChild(svg("rect", { class: "hl", x: 0, y: y - SEQ.row / 2 - 4, width: width, height: SEQ.row }));
  const label = recordLabel(record);
  if (x1 === x2 && record.kind === "publish") {
    g.appendChild(svg("polygon", { points: [x1, y - 6, x1 + 6, y, x1, y + 6, x1 - 6, y].join(" ") }));
    g.appendChild(svg("text", { x: x1 + 10, y: y + 4 }, truncate(label, (width - x1) / SEQ.charPx - 2)));
  } else if (x1 === x2) {
    g.appendChild(svg("path", { d: `M${x1} ${y - 6} h26 v12 h-22` }));
    g.appendChild(arrowHead(x1, y + 6, -1));
    g.appendChild(svg("text", { x: x1 + 32, y: y + 4 }, truncate(label, (width - x1) / SEQ.charPx - 6)));
  } else {
    const dir = x2 > x1 ? 1 : -1;
    g.appendChild(svg("line", { x1: x1, y1: y, x2: x2 - dir * 8, y2: y }));
    g.appendChild(arrowHead(x2, y, dir));
    const left = Math.min(x1, x2) + 8;
    g.appendChild(svg("text", { x: left, y: y - 6 }, truncate(label, (width - left) / SEQ.charPx)));
  }
  return g;
}

export function sequenceDiagram(trace: readonly TraceRecord[], profile: string): SVGElement {
  const records = trace.slice().sort((a, b) => a.at - b.at);
  const lanes = laneNames(records);
  const x = (name: string) => SEQ.left + lanes.indexOf(name) * SEQ.lane + SEQ.lane / 2;
  const width = SEQ.left + lanes.length * SEQ.lane + SEQ.tail;
  const height = SEQ.top + records.length * SEQ.row + 16;
  const start = records.reduce((min, r) => Math.min(min, r.at - r.durationMs), Infinity);
  const root = svg("svg", {
    class: "sequence",
    "data-sequence": "",
    "data-profile": profile,
    "data-records": records.length,
    width: width,
    height: height,
    viewBox: `0 0 ${width} ${height}`,
    role: "img",
    "aria-label": `sequence diagram of ${profile}`,
  });
  lanes.forEach((name) => {
    root.appendChild(svg("line", { class: "lifeline", x1: x(name), y1: 34, x2: x(name), y2: height - 6 }));
    root.appendChild(
      svg("g", { class: "head", "data-lane": name }, [
        svg("title", {}, name),
        svg("rect", { x: x(name) - 66, y: 8, width: 132, height: 26, rx: 5 }),
        svg("text", { x: x(name), y: 25, "text-anchor": "middle" }, truncate(name, 19)),
      ]),
    );
  });
  records.forEach((record, i) => {
    const y = SEQ.top + i * SEQ.row + 12;
    root.appendChild(message(record, y, x(record.from || "?"), x(receiver(record)), width));
    root.appendChild(svg("text", { class: "time", x: SEQ.left - 8, y: y + 4, "text-anchor": "end" }, `+${fmtMs(record.at - start)}`));
  });
  return root;
}
