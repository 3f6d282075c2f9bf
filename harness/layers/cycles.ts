/**
 * The import cycles of a graph: one per strongly connected component (Tarjan), each given as a shortest
 * path from the component's first file (in sort order) back to itself — breaking it may leave a smaller
 * cycle in the same component, which the next run names. A file importing itself is a cycle too.
 */
export function findCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === file ? undefined : stack.pop()) {
      onStack.delete(member);
      component.push(member);
    }
    components.push(component);
  };
  for (const file of [...edges.keys()].sort()) if (!index.has(file)) visit(file);
  return components
    .filter((c) => c.length > 1 || (edges.get(c[0] as string) ?? []).includes(c[0] as string))
    .map((c) => shortestCycle(edges, new Set(c), [...c].sort()[0] as string))
    .sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/** A shortest path start → … → start within one component (breadth first). */
function shortestCycle(edges: ReadonlyMap<string, readonly string[]>, component: ReadonlySet<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i] as string;
    for (const next of edges.get(file) ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = file; at !== start && at !== undefined; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
