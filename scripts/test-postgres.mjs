// Runs a command against a throw-away PostgreSQL cluster:
//   node scripts/test-postgres.mjs vitest run --config vitest.pg.config.ts
// The cluster lives in a temporary folder, listens only on a Unix socket there, trades
// durability for speed (fsync off) and is deleted afterwards. The command gets its address in
// POSTGRES_TEST_URL (the `postgres` superuser, database `postgres`).
//
// - POSTGRES_TEST_URL already set: that server is used, no cluster is started.
// - No PostgreSQL found (initdb on PATH, else /usr/lib/postgresql/<newest>/bin): one line says
//   the pass is skipped and the exit code is 0, unless REQUIRE_POSTGRES=1 (CI), which fails.
// - Run as root: the server runs as the `postgres` OS user (initdb and postgres refuse root).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [program, ...programArgs] = process.argv.slice(2);
if (!program) {
  console.error("usage: node scripts/test-postgres.mjs <command> [arguments…]");
  process.exit(2);
}

if (process.env.POSTGRES_TEST_URL) {
  process.exit(await run(program, programArgs, process.env));
}

const binDir = findPostgres() ?? "";
const asRoot = process.getuid?.() === 0;
const unavailable = !binDir
  ? "no PostgreSQL server found (initdb not on PATH nor in /usr/lib/postgresql/*/bin; Debian: apt-get install postgresql)"
  : asRoot && !userExists("postgres")
    ? "running as root, and there is no `postgres` user to run the server as"
    : null;
if (unavailable) {
  if (process.env.REQUIRE_POSTGRES === "1") {
    console.error(`PostgreSQL pass failed: ${unavailable}.`);
    process.exit(1);
  }
  console.log(`PostgreSQL pass skipped: ${unavailable}.`);
  process.exit(0);
}

const started = performance.now();
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-pg-"));
const dataDirectory = path.join(directory, "data");
if (asRoot) fs.chownSync(directory, uid("postgres"), gid("postgres"));

let exitCode = 1;
let serverStarted = false;
const cleanUp = () => {
  if (serverStarted) server("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-s", "stop"], { check: false });
  serverStarted = false;
  fs.rmSync(directory, { recursive: true, force: true });
};
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}

try {
  server("initdb", ["-D", dataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", `--locale=${utf8Locale()}`, "--no-sync", "--no-instructions"]);
  // listen_addresses='' (no TCP), the socket in our folder; durability off: the data dies with the run.
  const serverOptions = `-c listen_addresses='' -k '${directory}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  server("pg_ctl", ["-D", dataDirectory, "-l", path.join(directory, "server.log"), "-o", serverOptions, "-w", "-s", "start"]);
  serverStarted = true;
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(directory)}`;
  const version = spawnSync(path.join(binDir, "postgres"), ["--version"], { encoding: "utf8" }).stdout.trim();
  console.log(`${version}: throw-away cluster ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${directory})`);
  exitCode = await run(program, programArgs, { ...process.env, POSTGRES_TEST_URL: url });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  const log = path.join(directory, "server.log");
  if (fs.existsSync(log)) console.error(fs.readFileSync(log, "utf8"));
} finally {
  cleanUp();
}
process.exit(exitCode);

function findPostgres() {
  const onPath = (process.env.PATH ?? "").split(path.delimiter).find((dir) => dir && isExecutable(path.join(dir, "initdb")));
  if (onPath) return path.dirname(fs.realpathSync(path.join(onPath, "initdb")));
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((version) => isExecutable(path.join(root, version, "bin", "initdb"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], "bin") : null;
}

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs a PostgreSQL program from binDir, as the postgres user when we are root.
 * @param {string} name @param {string[]} args
 */
function server(name, args, { check = true } = {}) {
  const executable = path.join(binDir, name);
  const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", executable, ...args]] : [executable, args];
  const result = spawnSync(file, argv, { cwd: directory, encoding: "utf8" });
  if (check && result.status !== 0) throw new Error(`${name} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}

/** C.UTF-8 where the system has it: code-point order, like SQLite's, and Unicode-aware lower(). */
function utf8Locale() {
  const locales = spawnSync("locale", ["-a"], { encoding: "utf8" }).stdout ?? "";
  return /^C\.(UTF-8|utf8)$/m.test(locales) ? "C.UTF-8" : "C";
}

/** @param {string} name */
function userExists(name) {
  return spawnSync("id", ["-u", name]).status === 0;
}
/** @param {string} name */
function uid(name) {
  return Number(spawnSync("id", ["-u", name], { encoding: "utf8" }).stdout);
}
/** @param {string} name */
function gid(name) {
  return Number(spawnSync("id", ["-g", name], { encoding: "utf8" }).stdout);
}

/**
 * @param {string} file @param {string[]} args @param {NodeJS.ProcessEnv} env
 * @returns {Promise<number>}
 */
function run(file, args, env) {
  const child = spawn(file, args, { stdio: "inherit", env, shell: process.platform === "win32" });
  return new Promise((resolve) => {
    // A command that cannot start fails the run; the cluster is still stopped and deleted.
    child.on("error", (error) => {
      console.error(`${file}: ${error.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
