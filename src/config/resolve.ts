// Loads the definition of done that applies to a repository: its own file, layered on the organisation's
// file and/or the built-in preset it extends. Merge rules are documented in docs/config.md.
import type { ConfigFailure, ConfigProblem } from "../model/config-problems.js";
import { type Locator, type PathSegment, START } from "./locate.js";
import { parseConfigFile, type ParsedFile, sortProblems } from "./parse.js";
import { PRESETS } from "./presets/recommended.js";
import { type Criterion, DoneConfig, type Evidence, type ResolvedConfig, type ResolvedCriterion } from "./schema.js";
import { closest } from "./suggest.js";
import { principalsIn } from "./walk-kinds.js";

export interface ConfigSources {
  /** e.g. `.github/done.yml`; `text` is null when the repository has no such file. */
  file: string;
  text: string | null;
  /** The organisation's file, e.g. `acme/.github:.github/done.yml`; needed when there is no repo file or it extends `org`. */
  org?: { file: string; text: string | null };
}

export type LoadResult = { ok: true; config: ResolvedConfig } | { ok: false; failure: ConfigFailure };

interface Origin {
  layer: ParsedFile;
  index: number;
}

interface Entry {
  criterion: Criterion;
  origin: Origin;
  requireOrigin?: Origin;
}

export function loadConfig(sources: ConfigSources): LoadResult {
  try {
    return loadUnsafe(sources);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return invalid([{ file: sources.file, ...START, path: "", message: `could not load the config: ${reason}` }]);
  }
}

function invalid(problems: ConfigProblem[], file = problems[0]?.file ?? ""): LoadResult {
  return { ok: false, failure: { kind: "invalid", file, problems: sortProblems(problems) } };
}

function problemAt(layer: ParsedFile, path: PathSegment[], message: string): ConfigProblem {
  return { file: layer.file, ...layer.locate.value(path), path: path.map(String).join("."), message };
}

function loadUnsafe(sources: ConfigSources): LoadResult {
  const org = sources.org;
  let repo: ParsedFile | undefined;
  if (sources.text !== null) {
    const parsed = parseConfigFile(sources.text, sources.file);
    if (!parsed.ok) return invalid(parsed.problems, sources.file);
    repo = parsed.parsed;
  } else if (!org || org.text === null) {
    return { ok: false, failure: { kind: "missing", file: sources.file, problems: [] } };
  }

  const layers: ParsedFile[] = [];
  if (!repo || repo.config.extends === "org") {
    if (!org || org.text === null) {
      const where = org ? `\`${org.file}\`` : "`.github/done.yml` in the organisation's `.github` repository";
      const message = `\`extends: org\` needs the organisation's definition of done, but there is no ${where}`;
      // Reported where the fix goes: the repository's own file, at its `extends` line (the org file does not exist).
      return invalid([problemAt(repo!, ["extends"], message)], sources.file);
    }
    const parsedOrg = parseConfigFile(org.text, org.file);
    if (!parsedOrg.ok) return invalid(parsedOrg.problems, org.file);
    const orgLayer = parsedOrg.parsed;
    if (orgLayer.config.extends === "org") {
      const message =
        "the organisation's file cannot extend `org` (itself): use `extends: recommended` or remove `extends`";
      return invalid([problemAt(orgLayer, ["extends"], message)], org.file);
    }
    if (orgLayer.config.extends) layers.push(presetLayer(orgLayer.config.extends));
    layers.push(orgLayer);
  } else if (repo.config.extends) {
    layers.push(presetLayer(repo.config.extends));
  }
  if (repo) layers.push(repo);
  return merge(layers);
}

function presetLayer(name: string): ParsedFile {
  const criteria = PRESETS[name] ?? [];
  const locate: Locator = { value: () => START, key: () => START };
  return { file: `preset:${name}`, config: DoneConfig.parse({ criteria }), raw: {}, locate };
}

function given<K extends string>(layers: readonly ParsedFile[], key: K): ParsedFile | undefined {
  return layers.findLast((layer) => Object.hasOwn(layer.raw, key));
}

function merge(layers: readonly ParsedFile[]): LoadResult {
  const entries = new Map<string, Entry>();
  const problems: ConfigProblem[] = [];
  // Every id an earlier layer writes, even one it switches off: switching it off again is harmless.
  const inherited = new Set<string>();
  for (const layer of layers) {
    layer.config.criteria.forEach((criterion, index) => {
      if (criterion.enabled === false) {
        if (!inherited.has(criterion.id))
          problems.push(disablesNothing(layer, index, criterion.id, [...entries.keys()]));
        entries.delete(criterion.id);
        return;
      }
      const origin = { layer, index };
      const existing = entries.get(criterion.id);
      const fields = Object.fromEntries(Object.entries(criterion).filter(([, v]) => v !== undefined));
      entries.set(criterion.id, {
        criterion: { ...existing?.criterion, ...fields } as Criterion,
        origin,
        requireOrigin: criterion.require ? origin : existing?.requireOrigin,
      });
    });
    for (const criterion of layer.config.criteria) inherited.add(criterion.id);
  }

  const owners = { product: ownersOf(layers, "product"), engineering: ownersOf(layers, "engineering") };
  const criteria: ResolvedCriterion[] = [];
  for (const { criterion, origin, requireOrigin } of entries.values()) {
    const at = (message: string) => problemAt(origin.layer, ["criteria", origin.index], message);
    if (!criterion.owner) problems.push(at("`owner` is required (product, engineering or joint)"));
    if (!criterion.require)
      problems.push(at("`require` is required: say what shows it is met, e.g. `files: [test/**]`"));
    if (criterion.require && requireOrigin) {
      for (const role of rolesApproving(criterion.require)) {
        if (owners[role].length > 0) continue;
        const path = ["criteria", requireOrigin.index, "require"];
        problems.push(
          problemAt(
            requireOrigin.layer,
            path,
            `\`approved_by: ${role}\` needs ${role} owners: list them under \`owners.${role}\``,
          ),
        );
      }
    }
    if (!criterion.owner || !criterion.require) continue;
    criteria.push({
      id: criterion.id,
      title: criterion.title ?? criterion.id,
      owner: criterion.owner,
      ...(criterion.hint !== undefined && { hint: criterion.hint }),
      ...(criterion.when !== undefined && { when: criterion.when }),
      require: criterion.require,
      waivable: criterion.waivable ?? true,
    });
  }
  if (problems.length > 0) return invalid(problems);

  const last = layers.at(-1)!.config;
  const releases = given(layers, "releases")?.config.releases ?? { by: "milestone" as const };
  const dashboard = given(layers, "dashboard")?.config.dashboard ?? {
    issue: false,
    history: 6,
    follow_ups: "command" as const,
  };
  const trackers = given(layers, "trackers")?.config.trackers;
  return {
    ok: true,
    config: {
      mode: given(layers, "mode")?.config.mode ?? last.mode,
      comment: given(layers, "comment")?.config.comment ?? last.comment,
      mention: given(layers, "mention")?.config.mention ?? last.mention,
      owners,
      criteria,
      releases: { by: releases.by, ...(releases.label !== undefined && { label: releases.label }) },
      dashboard: {
        issue: dashboard.issue,
        history: dashboard.history,
        followUps: dashboard.follow_ups,
        ...(dashboard.capacity !== undefined && {
          capacity: { ...dashboard.capacity, weight: dashboard.capacity.weight ?? "prs" },
        }),
      },
      ...(trackers !== undefined && { trackers }),
    },
  };
}

/** `enabled: false` on an id that no earlier layer defines: most likely a misspelt id, which would stay enforced. */
function disablesNothing(layer: ParsedFile, index: number, id: string, active: readonly string[]): ConfigProblem {
  const guess = closest(id, active);
  const hint = guess
    ? ` — did you mean \`${guess}\`?`
    : active.length > 0 && active.length <= 12
      ? ` (the inherited ids are ${active.map((a) => `\`${a}\``).join(", ")})`
      : active.length === 0
        ? " (this file inherits no criteria)"
        : "";
  return problemAt(
    layer,
    ["criteria", index, "id"],
    `\`${id}\` disables nothing: no inherited criterion has this id${hint}`,
  );
}

function ownersOf(layers: readonly ParsedFile[], role: "product" | "engineering"): string[] {
  const layer = layers.findLast((l) => {
    const owners = l.raw.owners;
    return owners !== null && typeof owners === "object" && Object.hasOwn(owners, role);
  });
  return layer ? [...layer.config.owners[role]] : [];
}

function rolesApproving(evidence: Evidence): ("product" | "engineering")[] {
  const roles = principalsIn(evidence).filter(
    (p): p is "product" | "engineering" => p === "product" || p === "engineering",
  );
  return [...new Set(roles)];
}
