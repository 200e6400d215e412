// Finds the Pulumi CLI for this project, or builds it from Pulumi's Go modules.
//
// Why a build: on machines without internet access beyond package registries, no prebuilt CLI can be
// downloaded (the npm `pulumi` package and PulumiCommand.install fetch binaries from the web). The Go module
// proxy is reachable, so the CLI and the Node.js language host are built from source, pinned by the go.sum
// files in tools/pulumi-cli/. The result is cached outside the repo, keyed by version, so only the first run
// pays the ~3 minutes.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync, spawnSync } = require("child_process");

const root = path.resolve(__dirname, "..");
const CLI_VERSION = "3.248.0";
/** configure() for dynamic providers arrived in 3.139; anything older cannot read `buddy:token`. */
const MIN_VERSION = [3, 139, 0];
const LANGUAGE_HOST_SDK_VERSION = "3.68.0";
/** The Python language host (as for Node.js, the last one inside sdk/v3) and the Python SDK it runs with (PyPI). */
const PYTHON_SDK_VERSION = "3.272.0";
/** The YAML language host, for programs that use the provider plugin without any SDK (tools/pulumi-cli/language-yaml). */
const YAML_HOST_VERSION = "1.25.0";
const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";

function cacheBase() {
  return (
    process.env.PULUMI_BUDDY_CACHE_DIR ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "pulumi-buddy-actions")
  );
}

function cacheDir() {
  return path.join(cacheBase(), `pulumi-v${CLI_VERSION}`);
}

function parseVersion(text) {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(text || "");
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(v, min) {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

function which(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

function versionOf(binary) {
  const r = spawnSync(binary, ["version"], {
    encoding: "utf8",
    env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
  });
  return r.status === 0 ? parseVersion(r.stdout) : undefined;
}

/** A directory holding a usable `pulumi` + `pulumi-language-nodejs`, or undefined. */
function cliOnPath() {
  const pulumi = which("pulumi");
  if (!pulumi) return undefined;
  const version = versionOf(pulumi);
  if (!version || !atLeast(version, MIN_VERSION)) return undefined;
  const dir = path.dirname(fs.realpathSync(pulumi));
  const hasHost = fs.existsSync(path.join(dir, "pulumi-language-nodejs")) || which("pulumi-language-nodejs");
  return hasHost ? dir : undefined;
}

function cachedCli() {
  const dir = cacheDir();
  const complete = ["pulumi", "pulumi-language-nodejs", DYNAMIC_PLUGIN].every((f) => fs.existsSync(path.join(dir, f)));
  return complete ? dir : undefined;
}

/** Where the CLI is, without building anything: a new-enough CLI on PATH first, then our cache. */
function locateCli() {
  return cliOnPath() || cachedCli();
}

function goBuild(
  moduleDir,
  pkg,
  version,
  output,
  log,
  versionVar = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version",
) {
  log(`  go build ${pkg}@v${version}`);
  execFileSync("go", ["build", "-trimpath", "-ldflags", `-s -w -X ${versionVar}=v${version}`, "-o", output, pkg], {
    cwd: moduleDir,
    stdio: ["ignore", "inherit", "inherit"],
    // The checksum database is unreachable here; the committed go.sum still pins every module's hash.
    env: { ...process.env, GOSUMDB: "off", GOFLAGS: "-mod=mod", GOTOOLCHAIN: process.env.GOTOOLCHAIN || "local" },
  });
}

function requireGo() {
  if (!which("go")) {
    throw new Error(
      "The Pulumi CLI was not found and cannot be built: no `go` on PATH.\n" +
        "Install the Pulumi CLI (3.139 or newer; https://www.pulumi.com/docs/install/) so that `pulumi` and\n" +
        "`pulumi-language-nodejs` are on PATH, or install Go 1.24+ and run `npm run setup` again.",
    );
  }
}

function buildCli(log = console.log) {
  requireGo();
  const dir = cacheDir();
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const started = Date.now();
  log(`Building the Pulumi CLI v${CLI_VERSION} from Go modules (first run only, ~3 minutes on 2 cores)...`);
  goBuild(
    path.join(root, "tools/pulumi-cli/language-nodejs"),
    "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
    LANGUAGE_HOST_SDK_VERSION,
    path.join(staging, "pulumi-language-nodejs"),
    log,
  );
  goBuild(
    path.join(root, "tools/pulumi-cli/cli"),
    "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    CLI_VERSION,
    path.join(staging, "pulumi"),
    log,
  );
  // The dynamic-provider plugin is a shell script shipped inside @pulumi/pulumi.
  const plugin = path.join(root, "node_modules/@pulumi/pulumi", DYNAMIC_PLUGIN);
  fs.copyFileSync(plugin, path.join(staging, DYNAMIC_PLUGIN));
  fs.chmodSync(path.join(staging, DYNAMIC_PLUGIN), 0o755);
  // Publish atomically: a build killed halfway never looks like a complete cache.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  log(`Pulumi CLI ready in ${dir} (${Math.round((Date.now() - started) / 1000)} s)`);
  return dir;
}

function ensureCli(log = console.log) {
  return locateCli() || buildCli(log);
}

/** The directory holding `pulumi-language-yaml`, cached like the CLI (its own directory, so neither rebuilds the other). */
function yamlHostDir() {
  return path.join(cacheBase(), `pulumi-language-yaml-v${YAML_HOST_VERSION}`);
}

/** The YAML language host's directory, or undefined when it is not built yet. */
function locateYamlHost() {
  const dir = yamlHostDir();
  return fs.existsSync(path.join(dir, "pulumi-language-yaml")) ? dir : undefined;
}

/** Builds the YAML language host from the Go module pulumi-yaml (~3-5 minutes cold on 2 cores), once. */
function ensureYamlHost(log = console.log) {
  const found = locateYamlHost();
  if (found) return found;
  requireGo();
  const dir = yamlHostDir();
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const started = Date.now();
  log(`Building the YAML language host v${YAML_HOST_VERSION} from Go modules (first run only)...`);
  goBuild(
    path.join(root, "tools/pulumi-cli/language-yaml"),
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    YAML_HOST_VERSION,
    path.join(staging, "pulumi-language-yaml"),
    log,
    "github.com/pulumi/pulumi-yaml/pkg/version.Version",
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  log(`YAML language host ready in ${dir} (${Math.round((Date.now() - started) / 1000)} s)`);
  return dir;
}

/** The directory holding `pulumi-language-python` (+ its exec script) and `venv/` with the Python SDK. */
function pythonDir() {
  return path.join(cacheBase(), `pulumi-language-python-v${LANGUAGE_HOST_SDK_VERSION}-sdk-${PYTHON_SDK_VERSION}`);
}

/** PATH entries for Python programs (the venv's bin first: the old host ignores the project's virtualenv option), or undefined. */
function locatePythonHost() {
  const dir = pythonDir();
  return fs.existsSync(path.join(dir, "venv", "bin", "python")) ? [path.join(dir, "venv", "bin"), dir] : undefined;
}

/**
 * Builds the Python language host from sdk/v3 v3.68.0 (seconds, with the Node.js host's modules cached), copies the
 * `pulumi-language-python-exec` script from the same module beside it, and installs the Python SDK from PyPI in a
 * virtualenv. Only the plugin's Python test needs it, so setup does not run it.
 */
function ensurePythonHost(log = console.log) {
  const found = locatePythonHost();
  if (found) return found;
  requireGo();
  const dir = pythonDir();
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  const moduleDir = path.join(root, "tools/pulumi-cli/language-python");
  goBuild(
    moduleDir,
    "github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python",
    LANGUAGE_HOST_SDK_VERSION,
    path.join(staging, "pulumi-language-python"),
    log,
  );
  const sdkDir = execFileSync("go", ["list", "-m", "-f", "{{.Dir}}", "github.com/pulumi/pulumi/sdk/v3"], {
    cwd: moduleDir,
    encoding: "utf8",
    env: { ...process.env, GOSUMDB: "off", GOFLAGS: "-mod=mod", GOTOOLCHAIN: process.env.GOTOOLCHAIN || "local" },
  }).trim();
  const exec = path.join(staging, "pulumi-language-python-exec");
  fs.copyFileSync(path.join(sdkDir, "python/cmd/pulumi-language-python-exec"), exec);
  fs.chmodSync(exec, 0o755);
  log(`  python3 -m venv + pip install pulumi==${PYTHON_SDK_VERSION} parver semver wheel`);
  execFileSync("python3", ["-m", "venv", path.join(staging, "venv")], { stdio: ["ignore", "inherit", "inherit"] });
  // parver and semver: what the generated Python SDK imports; wheel: to install it (scripts/generate-sdks.js tests).
  execFileSync(
    path.join(staging, "venv/bin/python"),
    ["-m", "pip", "install", "--quiet", `pulumi==${PYTHON_SDK_VERSION}`, "parver==0.5", "semver==3.0.4", "wheel"],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  return locatePythonHost();
}

/**
 * Our SDK generator (tools/sdkgen: Pulumi's codegen packages at the CLI's version), built once and cached. The
 * language hosts that build here predate `GeneratePackage`, so `pulumi package gen-sdk` cannot do this.
 */
function ensureSdkgen(log = console.log) {
  const dir = path.join(cacheBase(), `sdkgen-v${CLI_VERSION}`);
  const binary = path.join(dir, "sdkgen");
  if (fs.existsSync(binary)) return binary;
  requireGo();
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  goBuild(path.join(root, "tools/sdkgen"), ".", CLI_VERSION, path.join(staging, "sdkgen"), log);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  return binary;
}

/** Environment for running the CLI: its directory first on PATH, a local backend, no update checks. */
function cliEnv(binDir, extra = {}) {
  return {
    ...process.env,
    PATH: `${binDir}${path.delimiter}${process.env.PATH || ""}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "",
    ...extra,
  };
}

module.exports = {
  CLI_VERSION,
  locateCli,
  ensureCli,
  buildCli,
  cliEnv,
  cacheDir,
  locateYamlHost,
  ensureYamlHost,
  ensurePythonHost,
  ensureSdkgen,
};
