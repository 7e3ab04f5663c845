// Bundles the widget (web/widget/*.js and widget.css) into one minified ES module,
// web/bundle/termsbot.js, that the loader (web/widget.js) imports: two requests in all.
//
//   node web/build.mjs           write web/bundle/termsbot.js
//   node web/build.mjs --check   exit 1 if web/bundle/termsbot.js is not what the sources build
//
// The bundle is committed, so that serving the widget needs no Node.js; the tests run
// `--check`, so that it never drifts from its sources.

import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "bundle", "termsbot.js");
const banner = "/*! termsbot web chat widget. Built by web/build.mjs from web/widget/: do not edit. */";

// widget.css is imported as a string (for a constructed stylesheet), minified first.
const minifiedCss = {
  name: "minified-css",
  setup(bundler) {
    bundler.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const { code } = await transform(source, { loader: "css", minify: true, target: ["chrome111", "firefox113", "safari16.4"] });
      return { contents: code, loader: "text" };
    });
  },
};

const result = await build({
  entryPoints: [join(here, "widget", "termsbot.js")],
  bundle: true,
  format: "esm",
  minify: true,
  // Private class fields and optional chaining stay as they are: every browser that has
  // constructable stylesheets and <dialog> has them too.
  target: ["es2022"],
  plugins: [minifiedCss],
  banner: { js: banner },
  legalComments: "none",
  charset: "utf8",
  write: false,
  logLevel: "warning",
});
const built = result.outputFiles[0].text;

if (process.argv.includes("--check")) {
  const committed = await readFile(outfile, "utf8").catch(() => "");
  if (committed !== built) {
    console.error("web/bundle/termsbot.js is stale: run `make widget` (node web/build.mjs)");
    process.exit(1);
  }
  console.log("web/bundle/termsbot.js matches its sources");
} else {
  await mkdir(dirname(outfile), { recursive: true });
  await writeFile(outfile, built);
  console.log(`web/bundle/termsbot.js: ${Buffer.byteLength(built)} bytes`);
}
