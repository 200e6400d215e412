/**
 * Lists exports that no other file names: `npx ts-node --transpile-only tools/checks/unused-exports.ts [dir...]`
 * (default provider emulator catalog scripts). A text check, like ts-prune's report but without its dependency:
 * an export counts as used when its name appears as a word in any other TypeScript file of the repository (tests
 * included) or in the package entry points; so it can miss an unused export whose name is common, never report a
 * used one. Generated files are skipped (their exports are the package's API). Exits 0: it informs, it does not gate.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const SKIP_DIRS = new Set(["node_modules", "dist", ".git", "docs", "packs"]);
const GENERATED = [/^provider\/specs\/actions\//, /^provider\/actions\.ts$/, /^provider\/specs\/spec-index\.ts$/, /^emulator\/catalog-data\.ts$/];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (/\.ts$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) out.push(full);
  }
  return out;
}

const all = tsFiles(ROOT).map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, "utf8") }));
const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["provider", "emulator", "catalog", "scripts"];
const EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/gm;

let count = 0;
for (const { file, text } of all) {
  if (!roots.some((r) => file === r || file.startsWith(`${r}/`))) continue;
  if (GENERATED.some((g) => g.test(file))) continue;
  for (const m of text.matchAll(EXPORT)) {
    const name = m[1];
    const word = new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`);
    if (all.some((o) => o.file !== file && word.test(o.text))) continue;
    console.log(`${file}: ${name}`);
    count += 1;
  }
}
console.log(`${count} exports named in no other file`);
