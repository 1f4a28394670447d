// GitHub's GraphQL node limit, computed as GitHub documents it: every connection asks for up to `first`/`last`
// nodes for each node of the connections around it, and a query may ask for at most 500,000 nodes in all.
// (https://docs.github.com/en/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#node-limit)
import { type FieldNode, Kind, parse, type SelectionSetNode } from "graphql";

export const NODE_LIMIT = 500_000;

/** The nodes a query may return under GitHub's rule; fragments are expanded in place. */
export function nodeCount(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const size = (field: FieldNode): number | undefined => {
    for (const arg of field.arguments ?? []) {
      if (arg.name.value !== "first" && arg.name.value !== "last") continue;
      if (arg.value.kind === Kind.INT) return Number(arg.value.value);
      // A variable not given counts as GitHub's most, 100.
      if (arg.value.kind === Kind.VARIABLE) return Number(variables[arg.value.name.value] ?? 100);
    }
    return undefined;
  };
  const walk = (set: SelectionSetNode | undefined, multiplier: number): number => {
    let total = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const n = size(selection);
        if (n === undefined) total += walk(selection.selectionSet, multiplier);
        else total += multiplier * n + walk(selection.selectionSet, multiplier * n);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet, multiplier);
      } else {
        total += walk(fragments.get(selection.name.value)?.selectionSet, multiplier);
      }
    }
    return total;
  };
  return document.definitions.reduce(
    (sum, d) => sum + (d.kind === Kind.OPERATION_DEFINITION ? walk(d.selectionSet, 1) : 0),
    0,
  );
}
