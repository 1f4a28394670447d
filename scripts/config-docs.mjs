// `npm run docs`: rewrites the generated `when`/`require` reference in docs/config.md from the built schema.
import { readFileSync, writeFileSync } from "node:fs";
import { withPredicateDocs } from "../lib/config/config-docs.js";

const path = new URL("../docs/config.md", import.meta.url);
writeFileSync(path, withPredicateDocs(readFileSync(path, "utf8")));
process.stdout.write("wrote docs/config.md\n");
