import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { folderCycles, folderImportGraph } from "./import-graph.js";

const src = fileURLToPath(new URL("../../src", import.meta.url));

describe("the folder-level import graph of src/", () => {
  it("has no cycle", () => {
    expect(folderCycles(folderImportGraph(src))).toEqual([]);
  });

  it("keeps model/ free of every other folder of src/", () => {
    expect([...(folderImportGraph(src).get("model") ?? [])]).toEqual([]);
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["a"])],
    ]);
    expect(folderCycles(graph)).toEqual(["a → b → c → a"]);
  });
});
