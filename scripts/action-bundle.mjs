// The Action's single committed entry, dist/action/index.mjs: src/action/main.ts and everything it imports,
// dependencies included, in one ES module, so a workflow runs it with no `npm install`. `npm run build:action`
// writes it; test/action/bundle.test.ts fails when the committed file is not what this builds.
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
export const ACTION_BUNDLE = "dist/action/index.mjs";

/** The bundle's text, built from the current sources and the installed dependencies. */
export async function bundleAction() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["src/action/main.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    write: false,
    outfile: ACTION_BUNDLE,
    legalComments: "eof",
    logLevel: "error",
    // Some dependencies are CommonJS that `require`s Node's built-ins; an ES module has no `require` of its own.
    banner: {
      js: "import { createRequire as __dodCreateRequire } from 'node:module'; const require = __dodCreateRequire(import.meta.url);",
    },
  });
  return result.outputFiles[0].text;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out = join(root, ACTION_BUNDLE);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await bundleAction());
  process.stdout.write(`wrote ${ACTION_BUNDLE}\n`);
}
