// The pure core alone: loadConfig + evaluate for a 3000-file pull request against 20 criteria with globs.
import { evaluate } from "../lib/criteria/evaluate.js";
import { loadConfig } from "../lib/config/resolve.js";

const AREAS = ["api", "web", "db", "auth", "billing", "search", "jobs", "infra", "mobile", "docs"];

export function evaluateBench({ runs = 50 } = {}) {
  const criteria = Array.from({ length: 20 }, (_, i) => {
    const area = AREAS[i % AREAS.length];
    return `  - id: c${i}
    owner: ${i % 2 ? "engineering" : "product"}
    when: { files: ["src/${area}/**", "!src/${area}/**/*.test.ts"] }
    require: { files: ["src/${area}/**/*.test.ts", "docs/${area}/**/*.md", "**/${area}-${i}.{yml,yaml}"] }
`;
  });
  const text = `owners: { product: [pm], engineering: [eng] }\ncriteria:\n${criteria.join("")}`;
  const loaded = loadConfig({ file: ".github/done.yml", text, org: { file: "org", text: null } });
  if (!loaded.ok) throw new Error("bench config invalid");
  const facts = {
    repo: { owner: "o", name: "r" },
    number: 1,
    url: "u",
    title: "t",
    author: "a",
    body: "",
    draft: false,
    state: "open",
    base: { ref: "main" },
    head: { ref: "h", sha: "0".repeat(40) },
    labels: [],
    milestone: null,
    files: Array.from({ length: 3000 }, (_, i) => ({
      path: `src/${AREAS[i % 10]}/module${i}/${i % 7 ? "file.ts" : "file.test.ts"}`,
      additions: 1,
      deletions: 0,
    })),
    filesTruncated: false,
    reviews: [],
    linkedIssues: [],
    checks: [],
    comments: [],
    teams: {},
  };
  const times = [];
  let report;
  for (let i = 0; i < runs + 5; i++) {
    const started = performance.now();
    report = evaluate(loaded.config, facts);
    if (i >= 5) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(runs / 2)],
    p95Ms: times[Math.floor(runs * 0.95)],
    items: report.items.length,
    conclusion: report.conclusion,
  };
}
