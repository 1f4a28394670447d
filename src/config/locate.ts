// Maps a field path (`criteria.2.owner`) to where it is written in the YAML source, so every problem can be
// shown at file:line:column even when the field is missing or the document is not the expected shape.
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";

export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

export interface Locator {
  /** Where the value at `path` is written; for a missing field, the closest enclosing node that exists. */
  value(path: readonly PathSegment[]): Position;
  /** Where the key of the last segment of `path` is written (falls back like `value`). */
  key(path: readonly PathSegment[]): Position;
}

export const START: Position = { line: 1, column: 1 };

export function joinPath(path: readonly PathSegment[]): string {
  return path.map(String).join(".");
}

export function makeLocator(doc: Document, lines: LineCounter): Locator {
  const at = (offset: number): Position => {
    const { line, col } = lines.linePos(offset);
    return { line: Math.max(1, line), column: Math.max(1, col) };
  };
  const deref = (node: unknown): unknown => {
    try {
      return isAlias(node) ? node.resolve(doc) : node;
    } catch {
      return undefined;
    }
  };
  // An empty value (`owner:` with nothing after it) has a zero-width range at the end of the line; the key is a
  // better place to point at.
  const start = (node: unknown): Position | undefined => {
    const range = (node as Node | null | undefined)?.range;
    return range && range[1] > range[0] ? at(range[0]) : undefined;
  };

  // Each mapping's pairs by key, the last of equal keys winning (as in the converted value), made when first
  // needed: a problem per key of a mapping of thousands must not search it once per problem.
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairsOf = (map: YAMLMap): Map<string, Pair> => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items) index.set(isScalar(p.key) ? String(p.key.value) : String(p.key), p as Pair);
      indexes.set(map, index);
    }
    return index;
  };

  const find = (path: readonly PathSegment[], wantKey: boolean): Position => {
    let best = start(doc.contents);
    let node: unknown = doc.contents;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      node = deref(node);
      if (isMap(node)) {
        const pair = pairsOf(node).get(String(seg));
        if (!pair) return best ?? START;
        const keyPos = start(pair.key);
        const valuePos = start(pair.value);
        if (last) return (wantKey ? keyPos : (valuePos ?? keyPos)) ?? best ?? START;
        best = keyPos ?? best;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number") {
        const item = node.items[seg];
        if (item === undefined) return best ?? START;
        const itemPos = start(item);
        if (last) return itemPos ?? best ?? START;
        best = itemPos ?? best;
        node = item;
      } else {
        return best ?? START;
      }
    }
    return best ?? START;
  };

  return { value: (path) => find(path, false), key: (path) => find(path, true) };
}
