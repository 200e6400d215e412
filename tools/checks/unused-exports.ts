/**
 * Lists exports that no other file names: `npx ts-node --transpile-only tools/checks/unused-exports.ts [--check]
 * [dir...]` (default provider emulator catalog scripts). A text check, like ts-prune's report but without its
 * dependency: an export counts as used when its name appears as a word in any other TypeScript or JavaScript file of
 * the repository (tests and scripts included); so it can miss an unused export whose name is common, never report a
 * used one. Generated files (first line `// GENERATED`) are skipped: their exports are the package's API.
 *
 * Without `--check` it informs and exits 0. With `--check` (scripts/checks.js, part of `npm test`) it exits 1 when
 * an export outside ALLOWED is used only in its own file (drop its `export`, or delete it if nothing uses it), or
 * when an ALLOWED entry is no longer reported (delete the entry).
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SKIP_DIRS = new Set(["node_modules", "dist", ".git", "docs", "packs"]);

/**
 * Exports used only in their own file that stay exported, each with why. Remove an entry once the export is gone.
 */
const ALLOWED: Readonly<Record<string, string>> = {
  // Named by the declaration emitted for specs/pipeline-action.ts (`bag()`'s type), so it must stay exported.
  "provider/specs/field.ts: BagField": "declaration emit",
};

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|js|mjs|cjs)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) out.push(full);
  }
  return out;
}

const args = process.argv.slice(2);
const check = args.includes("--check");
const dirs = args.filter((a) => a !== "--check");
const roots = dirs.length > 0 ? dirs : ["provider", "emulator", "catalog", "scripts"];
// This file names the allowed exports: it is no user of them.
const all = sourceFiles(ROOT)
  .filter((f) => f !== __filename)
  .map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, "utf8") }));
const EXPORT =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/gm;

const unused: string[] = [];
for (const { file, text } of all) {
  if (!/\.ts$/.test(file) || !roots.some((r) => file === r || file.startsWith(`${r}/`))) continue;
  if (text.startsWith("// GENERATED")) continue;
  for (const m of text.matchAll(EXPORT)) {
    const name = m[1];
    const word = new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`);
    if (!all.some((o) => o.file !== file && word.test(o.text))) unused.push(`${file}: ${name}`);
  }
}

if (!check) {
  for (const u of unused) console.log(u);
  console.log(`${unused.length} exports named in no other file`);
} else {
  const refused = unused.filter((u) => !(u in ALLOWED));
  const stale = dirs.length > 0 ? [] : Object.keys(ALLOWED).filter((a) => !unused.includes(a));
  for (const u of refused) console.log(`${u}: exported but named in no other file (drop the export)`);
  for (const a of stale) console.log(`${a}: allowed in tools/checks/unused-exports.ts but no longer reported (drop the entry)`);
  const allowed = unused.length - refused.length;
  console.log(`unused exports: ${refused.length} refused, ${allowed} allowed, ${stale.length} stale allow entries`);
  process.exitCode = refused.length + stale.length > 0 ? 1 : 0;
}
