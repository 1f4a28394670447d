// The answer types of dod's GraphQL documents are generated (`npm run codegen`, codegen.ts) from the documents and
// GitHub's published schema. These tests keep the committed file current and show what that buys: a field the code
// reads that the documents stop selecting is a compile error.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "@graphql-codegen/cli";
import { Kind, parse, visit } from "graphql";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import config, { documentsIn, GENERATED } from "../../codegen.js";
import { MAX_FOLLOW_UPS, MAX_HISTORY, PULLS_PER_PAGE } from "../../src/github/dashboard-queries.js";
import { CHECK_NAME, CONFIG_PATH, ORG_CONFIG_REPO } from "../../src/model/names.js";
import { appDocuments } from "../helpers/app-documents.js";

const root = new URL("../..", import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), "dod-codegen-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** What `npm run codegen` writes, generated in memory from the documents in `documents` (a folder like src/github). */
async function generated(documents = join(root, "src/github")): Promise<string> {
  const outputs: { filename: string; content: string }[] = await generate(
    { ...config, cwd: root, silent: true, documents: documentsIn(documents) },
    false,
  );
  expect(outputs.map((o) => o.filename)).toEqual([GENERATED]);
  return outputs[0]!.content;
}

/** src/github copied to a temporary folder, with `edit` applied to one of its files. */
function editedCopy(file: string, edit: (source: string) => string): string {
  const dir = mkdtempSync(join(temp, "github-"));
  cpSync(join(root, "src/github"), dir, { recursive: true });
  const source = readFileSync(join(dir, file), "utf8");
  const edited = edit(source);
  expect(edited).not.toBe(source);
  writeFileSync(join(dir, file), edited);
  return dir;
}

let previous: ts.Program | undefined;

/** Type errors in `files` (and what they import) when generated/graphql.ts holds `types`, as `file: message`. */
function typeErrors(files: string[], types: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(root, "tsconfig.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const host = ts.createCompilerHost(parsed.options);
  const target = join(root, GENERATED);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError) =>
    name === target ? ts.createSourceFile(name, types, language) : getSourceFile(name, language, onError);
  // The previous program lends its unchanged files (all but the generated one) to the next.
  const program = ts.createProgram(
    files.map((f) => join(root, f)),
    { ...parsed.options, noEmit: true },
    host,
    previous,
  );
  previous = program;
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? d.file.fileName.slice(root.length) : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`,
    );
}

describe("generated GraphQL types", () => {
  it("are current: src/github/generated/graphql.ts is what `npm run codegen` writes from the documents", async () => {
    expect(await generated()).toBe(readFileSync(join(root, GENERATED), "utf8"));
  }, 30_000);

  // The generator reads each document's text with its `${…}` erased: an interpolation inside a selection would be
  // typed as missing, one in an argument would be sent but not typed. Only whole fragments are appended.
  it("read every document whole: the only interpolations in src/github's documents are fragments appended on their own line", () => {
    const interpolations = readdirSync(join(root, "src/github"))
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) => {
        const source = readFileSync(join(root, "src/github", f), "utf8");
        return [...source.matchAll(/\/\* GraphQL \*\/ `([^`]*)`/g)].flatMap(([, body]) =>
          [...body!.matchAll(/^(.*)\$\{([^}]*)\}(.*)$/gm)].map(([line, before, name, after]) => ({
            file: f,
            line: line.trim(),
            whole: before!.trim() === "" && after!.trim() === "" && /^[A-Z_]+$/.test(name!),
          })),
        );
      });
    expect(interpolations.length).toBeGreaterThan(0);
    expect(interpolations.filter((i) => !i.whole)).toEqual([]);
  });

  it("spell dod's names as src/model/names.ts does: the config path, the organisation's repository, the check's name", () => {
    const seen = {
      path: new Set<string>(),
      expression: new Set<string>(),
      orgRepo: new Set<string>(),
      checkName: new Set<string>(),
    };
    for (const [, document] of appDocuments()) {
      visit(parse(document), {
        Field(field) {
          const arg = (wanted: string) => field.arguments?.find((a) => a.name.value === wanted)?.value;
          const [owner, name] = [arg("owner"), arg("name")];
          // A repository named in the document for a variable owner: the organisation's config repository.
          if (field.name.value === "repository" && owner?.kind === Kind.VARIABLE && name?.kind === Kind.STRING)
            seen.orgRepo.add(name.value);
        },
        Argument(node) {
          if (node.value.kind === Kind.STRING && node.name.value in seen)
            seen[node.name.value as keyof typeof seen].add(node.value.value);
        },
        ObjectField(node) {
          if (node.value.kind === Kind.STRING && node.name.value in seen)
            seen[node.name.value as keyof typeof seen].add(node.value.value);
        },
      });
    }
    expect(seen).toEqual({
      path: new Set([CONFIG_PATH]),
      expression: new Set([`HEAD:${CONFIG_PATH}`]),
      orgRepo: new Set([ORG_CONFIG_REPO]),
      checkName: new Set([CHECK_NAME]),
    });
  });

  it("are the answers of the documents they type: each `<G.DodXQuery>(DOCUMENT…)` sends the operation DodX", async () => {
    const dir = join(root, "src/github");
    const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));
    const documents = new Map<string, string>();
    for (const f of files)
      for (const [name, value] of Object.entries(await import(join(dir, f))))
        if (typeof value === "string") documents.set(name, value);
    const uses = files.flatMap((f) =>
      [...readFileSync(join(dir, f), "utf8").matchAll(/<G\.(\w+)Query>\(\s*(?:github,\s*)?([A-Z_]+)\b/g)].map(
        ([, type, document]) => ({ file: f, type, operation: /query (\w+)/.exec(documents.get(document!) ?? "")?.[1] }),
      ),
    );
    expect(uses.length).toBeGreaterThan(10);
    expect(uses.filter((u) => u.operation !== u.type)).toEqual([]);
  });

  it("write out the dashboard's page sizes as dashboard-queries.ts exports them", () => {
    const sizes = new Map<string, Set<number>>();
    for (const [name, document] of appDocuments()) {
      visit(parse(document), {
        Field(field) {
          const first = field.arguments?.find((a) => a.name.value === "first")?.value;
          if (first?.kind !== Kind.INT) return;
          const key = `${name.replace(/#\d+$/, "")} ${field.alias?.value ?? field.name.value}`;
          sizes.set(key, (sizes.get(key) ?? new Set()).add(Number(first.value)));
        },
      });
    }
    const size = (key: string) => [...(sizes.get(key) ?? [])];
    expect(size("DASHBOARD_QUERY closedMilestones")).toEqual([MAX_HISTORY]);
    expect(size("DASHBOARD_QUERY followUps")).toEqual([MAX_FOLLOW_UPS]);
    expect(size("milestonePullsQuery pullRequests")).toEqual([PULLS_PER_PAGE]);
    expect(size("labelPullsQuery pullRequests")).toEqual([PULLS_PER_PAGE]);
    expect(size("ORG_RELEASE_QUERY search")).toEqual([PULLS_PER_PAGE]);
  });
});

describe("a stale type is a compile error", () => {
  const readers = ["src/github/gather.ts", "src/github/gather-many.ts"];

  it("the app's readers type-check against freshly generated types", async () => {
    expect(typeErrors(readers, await generated())).toEqual([]);
  }, 60_000);

  it("dropping `editor { login }` (the guard against a waiver edited into someone else's comment) or the review's `commit { oid }` (the guard against stale approvals) from the documents fails to compile", async () => {
    const dir = editedCopy("fragments.ts", (source) =>
      source.replace(" editor { login }", "").replace(" commit { oid }", ""),
    );
    const errors = typeErrors(readers, await generated(dir));
    expect(errors).toEqual([
      expect.stringMatching(/^src\/github\/gather\.ts: Property 'commit' does not exist/),
      expect.stringMatching(/^src\/github\/gather\.ts: Property 'commit' does not exist/),
      expect.stringMatching(/^src\/github\/gather\.ts: Property 'editor' does not exist/),
    ]);
  }, 60_000);
});
