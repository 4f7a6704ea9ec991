/**
 * Throwaway PostgreSQL, MariaDB and Redis servers for the test suite and the benchmark.
 *
 * Every server gets a private temp dir under os.tmpdir() (prefix `indicator-hub-`),
 * listens on a random free port on 127.0.0.1 only and is stopped, with its dir removed,
 * by stop(). If the Node process exits without calling stop(), an exit hook kills the
 * servers and removes the dirs so nothing is left behind.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createConnection as createMysqlConnection } from 'mysql2/promise';
import { Client as PgClient } from 'pg';

export type EngineName = 'postgres' | 'mysql' | 'redis';

export interface RunningDatabase {
  engine: EngineName;
  /** e.g. postgres://hub:hub_test_pw@127.0.0.1:PORT/postgres, mysql://hub:hub_test_pw@127.0.0.1:PORT or
   *  redis://127.0.0.1:PORT */
  url: string;
  pid: number;
  port: number;
  stop(): Promise<void>;
}

export interface RunningDatabases {
  postgres?: RunningDatabase;
  mysql?: RunningDatabase;
  redis?: RunningDatabase;
  stop(): Promise<void>;
}

export interface StartDatabasesOptions {
  engines?: readonly EngineName[];
  log?: (msg: string) => void;
}

export const ALL_ENGINES: readonly EngineName[] = ['postgres', 'mysql', 'redis'];

/** Environment variables through which tests receive the server URLs. */
export const URL_ENV_VARS: Readonly<Record<EngineName, string>> = {
  postgres: 'HUB_TEST_PG_URL',
  mysql: 'HUB_TEST_MYSQL_URL',
  redis: 'HUB_TEST_REDIS_URL',
};

export const ENGINE_LABELS: Readonly<Record<EngineName, string>> = {
  postgres: 'PostgreSQL',
  mysql: 'MariaDB',
  redis: 'Redis',
};

const HUB_USER = 'hub';
const HUB_PASSWORD = 'hub_test_pw';
const TEMP_PREFIX = 'indicator-hub-';
const READY_TIMEOUT_MS = 60_000;
const POLL_INTERVAL_MS = 200;
const PROBE_TIMEOUT_MS = 2_000;
const STOP_GRACE_MS = 15_000;
const KILL_WAIT_MS = 5_000;
const INIT_TIMEOUT_MS = 120_000;
const APT_TIMEOUT_MS = 900_000;
const PORT_ATTEMPTS = 3;
const LOG_TAIL_LINES = 40;

type Log = (msg: string) => void;

// ---------------------------------------------------------------------------
// Public API

export async function startDatabases(opts: StartDatabasesOptions = {}): Promise<RunningDatabases> {
  const engines = [...new Set(opts.engines ?? ALL_ENGINES)];
  const log: Log = opts.log ?? (() => undefined);
  const results = await Promise.allSettled(engines.map((engine) => startEngine(engine, log)));

  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [errorMessage(r.reason)] : []));
  if (failures.length > 0) {
    await Promise.allSettled(started.map((db) => db.stop()));
    throw new Error(failures.join('\n\n'));
  }
  return collectDatabases(started);
}

/** Parses a comma list such as "postgres,mysql" (HUB_TEST_ENGINES); empty means all engines. */
export function enginesFromEnv(value: string | undefined): EngineName[] {
  const names = (value ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return [...ALL_ENGINES];
  return names.map((name) => {
    if (!isEngineName(name)) {
      throw new Error(`unknown database engine "${name}" (expected a comma list of ${ALL_ENGINES.join(', ')})`);
    }
    return name;
  });
}

function isEngineName(name: string): name is EngineName {
  return (ALL_ENGINES as readonly string[]).includes(name);
}

async function startEngine(engine: EngineName, log: Log): Promise<RunningDatabase> {
  try {
    if (engine === 'redis') return await startRedis({ log });
    return engine === 'postgres' ? await startPostgres(log) : await startMariadb(log);
  } catch (error) {
    throw new Error(`${ENGINE_LABELS[engine]} failed to start: ${errorMessage(error)}`, { cause: error });
  }
}

function collectDatabases(started: RunningDatabase[]): RunningDatabases {
  const databases: RunningDatabases = {
    stop: async () => {
      await Promise.all(started.map((db) => db.stop()));
    },
  };
  for (const db of started) databases[db.engine] = db;
  return databases;
}

function makeRunningDatabase(
  engine: EngineName,
  server: TrackedProcess,
  port: number,
  url: string,
  tempDir: string,
  shutdownSignal: NodeJS.Signals,
): RunningDatabase {
  let stopping: Promise<void> | undefined;
  return {
    engine,
    url,
    pid: server.pid,
    port,
    stop: () =>
      (stopping ??= (async () => {
        await stopProcess(server, shutdownSignal);
        await removeTempDir(tempDir);
      })()),
  };
}

// ---------------------------------------------------------------------------
// PostgreSQL

async function startPostgres(log: Log): Promise<RunningDatabase> {
  const binDir = await locatePostgresBinDir(log);
  const runAs = await postgresRunAsUser();
  const dir = await makeTempDir('pg-');
  try {
    const dataDir = path.join(dir, 'data');
    const socketDir = path.join(dir, 'sockets');
    const pwFile = path.join(dir, 'pwfile');
    await fsp.mkdir(socketDir);
    await fsp.writeFile(pwFile, `${HUB_PASSWORD}\n`, { mode: 0o600 });
    if (runAs) await chownAll([dir, socketDir, pwFile], runAs);

    log('PostgreSQL: initdb');
    // The bootstrap superuser is `hub` itself, so no separate CREATE ROLE step is needed.
    await runToCompletion(
      'initdb',
      path.join(binDir, 'initdb'),
      [
        '-D',
        dataDir,
        '-U',
        HUB_USER,
        `--pwfile=${pwFile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
        '--no-instructions',
      ],
      { cwd: dir, logFile: path.join(dir, 'initdb.log'), runAs },
    );

    const { server, port } = await launchOnFreePort(
      {
        label: 'PostgreSQL',
        command: path.join(binDir, 'postgres'),
        args: (p) => [
          '-D',
          dataDir,
          '-h',
          '127.0.0.1',
          '-p',
          String(p),
          '-k',
          socketDir,
          '-c',
          'max_connections=200',
          '-c',
          'fsync=off',
          '-c',
          'synchronous_commit=off',
          '-c',
          'full_page_writes=off',
        ],
        cwd: dir,
        logFile: path.join(dir, 'postgres.log'),
        runAs,
        probe: probePostgres,
      },
      log,
    );

    const url = `postgres://${HUB_USER}:${HUB_PASSWORD}@127.0.0.1:${port}/postgres`;
    // SIGINT is PostgreSQL's "fast" shutdown; SIGTERM ("smart") would wait for clients to disconnect.
    return makeRunningDatabase('postgres', server, port, url, dir, 'SIGINT');
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}

async function probePostgres(port: number): Promise<void> {
  const client = new PgClient({
    host: '127.0.0.1',
    port,
    user: HUB_USER,
    password: HUB_PASSWORD,
    database: 'postgres',
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function locatePostgresBinDir(log: Log): Promise<string> {
  const existing = await newestPostgresBinDir();
  if (existing) return existing;
  await aptInstall('postgresql', log);
  const installed = await newestPostgresBinDir();
  if (!installed)
    throw new Error('no /usr/lib/postgresql/*/bin/postgres found, even after installing the postgresql package');
  return installed;
}

async function newestPostgresBinDir(): Promise<string | undefined> {
  const root = '/usr/lib/postgresql';
  const versions = await fsp.readdir(root).catch(() => [] as string[]);
  const candidates = versions
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(root, v, 'bin'));
  for (const binDir of candidates) {
    if ((await isExecutable(path.join(binDir, 'postgres'))) && (await isExecutable(path.join(binDir, 'initdb')))) {
      return binDir;
    }
  }
  return undefined;
}

/** postgres refuses to run as root, so root runs it as the `postgres` OS user. */
async function postgresRunAsUser(): Promise<OsUser | undefined> {
  if (!isRoot()) return undefined;
  const user = await lookupOsUser('postgres');
  if (!user) throw new Error("running as root, but there is no 'postgres' OS user to run the server as");
  return user;
}

// ---------------------------------------------------------------------------
// MariaDB

interface MariadbBinaries {
  server: string;
  installDb: string;
}

async function startMariadb(log: Log): Promise<RunningDatabase> {
  const binaries = await locateMariadb(log);
  const dir = await makeTempDir('mysql-');
  try {
    const dataDir = path.join(dir, 'data');
    const tmpDir = path.join(dir, 'tmp');
    const socket = path.join(dir, 'mysqld.sock');
    await fsp.mkdir(tmpDir);
    const userArgs = isRoot() ? ['--user=root'] : [];

    log('MariaDB: mariadb-install-db');
    await runToCompletion(
      'mariadb-install-db',
      binaries.installDb,
      [
        '--no-defaults',
        `--datadir=${dataDir}`,
        '--auth-root-authentication-method=normal',
        '--skip-test-db',
        '--skip-name-resolve', // matches the server flag; avoids root@<hostname> grants it would ignore
        ...userArgs,
      ],
      { cwd: dir, logFile: path.join(dir, 'install-db.log') },
    );

    const { server, port } = await launchOnFreePort(
      {
        label: 'MariaDB',
        command: binaries.server,
        args: (p) => [
          '--no-defaults', // must come first
          `--datadir=${dataDir}`,
          `--port=${p}`,
          '--bind-address=127.0.0.1',
          `--socket=${socket}`,
          `--pid-file=${path.join(dir, 'mysqld.pid')}`,
          `--tmpdir=${tmpDir}`,
          ...userArgs,
          '--skip-log-bin',
          '--skip-name-resolve',
          '--max-connections=200',
          // --no-defaults drops Debian's my.cnf, whose server default charset is utf8mb4 (MariaDB's own is latin1).
          '--character-set-server=utf8mb4',
          '--collation-server=utf8mb4_general_ci',
          '--innodb-buffer-pool-size=256M',
          '--innodb-flush-log-at-trx-commit=0',
          '--innodb-doublewrite=0',
        ],
        cwd: dir,
        logFile: path.join(dir, 'mariadbd.log'),
        // root has no password yet and can only log in over the private socket.
        probe: () => pingMariadbAsRoot(socket),
      },
      log,
    );

    try {
      await createMariadbHubUser(socket);
      await probeMariadbAsHub(port);
    } catch (error) {
      await stopProcess(server, 'SIGTERM');
      throw new Error(`could not create the ${HUB_USER} login: ${errorMessage(error)}`, { cause: error });
    }
    const url = `mysql://${HUB_USER}:${HUB_PASSWORD}@127.0.0.1:${port}`;
    return makeRunningDatabase('mysql', server, port, url, dir, 'SIGTERM');
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}

async function pingMariadbAsRoot(socketPath: string): Promise<void> {
  const connection = await createMysqlConnection({ socketPath, user: 'root', connectTimeout: PROBE_TIMEOUT_MS });
  try {
    await connection.query('select 1');
  } finally {
    await connection.end().catch(() => undefined);
  }
}

async function createMariadbHubUser(socketPath: string): Promise<void> {
  const connection = await createMysqlConnection({ socketPath, user: 'root', connectTimeout: PROBE_TIMEOUT_MS });
  try {
    for (const host of ['127.0.0.1', 'localhost']) {
      await connection.query(`CREATE USER '${HUB_USER}'@'${host}' IDENTIFIED BY '${HUB_PASSWORD}'`);
      await connection.query(`GRANT ALL PRIVILEGES ON *.* TO '${HUB_USER}'@'${host}' WITH GRANT OPTION`);
    }
  } finally {
    await connection.end().catch(() => undefined);
  }
}

async function probeMariadbAsHub(port: number): Promise<void> {
  const connection = await createMysqlConnection({
    host: '127.0.0.1',
    port,
    user: HUB_USER,
    password: HUB_PASSWORD,
    connectTimeout: PROBE_TIMEOUT_MS,
  });
  try {
    await connection.query('select 1');
  } finally {
    await connection.end().catch(() => undefined);
  }
}

async function locateMariadb(log: Log): Promise<MariadbBinaries> {
  const existing = await findMariadbBinaries();
  if (existing) return existing;
  await aptInstall('mariadb-server', log);
  const installed = await findMariadbBinaries();
  if (!installed)
    throw new Error('mariadbd / mariadb-install-db not found, even after installing the mariadb-server package');
  return installed;
}

async function findMariadbBinaries(): Promise<MariadbBinaries | undefined> {
  const server = await findExecutable(['mariadbd']);
  const installDb = await findExecutable(['mariadb-install-db', 'mysql_install_db']);
  return server && installDb ? { server, installDb } : undefined;
}

// ---------------------------------------------------------------------------
// Redis

/**
 * A Redis server (Debian `redis-server`, installed with apt-get when missing) on 127.0.0.1, without
 * persistence, in a private dir. `port` restarts one on a known port (a test that stops Redis and
 * starts it again where the hubs expect it).
 */
export async function startRedis(opts: { port?: number; log?: Log } = {}): Promise<RunningDatabase> {
  const log: Log = opts.log ?? (() => undefined);
  const binary = await locateRedis(log);
  const dir = await makeTempDir('redis-');
  try {
    const args = (p: number) => [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--protected-mode',
      'yes',
    ];
    const plan = {
      label: 'Redis',
      command: binary,
      args,
      cwd: dir,
      logFile: path.join(dir, 'redis.log'),
      probe: probeRedis,
    };
    const { server, port } = opts.port
      ? { server: await launchOnPort(plan, opts.port), port: opts.port }
      : await launchOnFreePort(plan, log);
    return makeRunningDatabase('redis', server, port, `redis://127.0.0.1:${port}`, dir, 'SIGTERM');
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}

async function launchOnPort(plan: LaunchPlan, port: number): Promise<TrackedProcess> {
  const server = await spawnTracked(plan.command, plan.args(port), {
    cwd: plan.cwd,
    logFile: plan.logFile,
    truncateLog: true,
  });
  try {
    await waitUntilReady(server, () => plan.probe(port));
    return server;
  } catch (error) {
    await stopProcess(server, 'SIGKILL');
    throw new Error(`Redis on 127.0.0.1:${port} did not become ready: ${errorMessage(error)}`, { cause: error });
  }
}

/** PING over a plain socket: +PONG when the server accepts commands. */
function probeRedis(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => socket.destroy(new Error('no answer to PING')), PROBE_TIMEOUT_MS);
    let answer = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
      if (answer.includes('\r\n')) socket.end();
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (answer.startsWith('+PONG')) resolve();
      else reject(new Error(`unexpected answer to PING: ${answer.trim() || '(none)'}`));
    });
  });
}

async function locateRedis(log: Log): Promise<string> {
  const existing = await findExecutable(['redis-server']);
  if (existing) return existing;
  await aptInstall('redis-server', log);
  const installed = await findExecutable(['redis-server']);
  if (!installed) throw new Error('redis-server not found, even after installing the redis-server package');
  return installed;
}

// ---------------------------------------------------------------------------
// Launching a server and waiting for it

interface LaunchPlan {
  label: string;
  command: string;
  args(port: number): string[];
  cwd: string;
  logFile: string;
  runAs?: OsUser;
  probe(port: number): Promise<void>;
}

/**
 * The free port is only reserved until we close our listener, so another process can grab it
 * before the server binds; retry with a fresh port when the log says so.
 */
async function launchOnFreePort(plan: LaunchPlan, log: Log): Promise<{ server: TrackedProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    log(`${plan.label}: starting on 127.0.0.1:${port}`);
    const server = await spawnTracked(plan.command, plan.args(port), {
      cwd: plan.cwd,
      logFile: plan.logFile,
      runAs: plan.runAs,
      truncateLog: true,
    });
    try {
      await waitUntilReady(server, () => plan.probe(port));
      return { server, port };
    } catch (error) {
      await stopProcess(server, 'SIGKILL');
      const tail = await readLogTail(plan.logFile);
      if (attempt < PORT_ATTEMPTS && isPortConflict(tail)) {
        log(`${plan.label}: port ${port} was taken meanwhile, retrying`);
        continue;
      }
      throw new Error(
        `server on 127.0.0.1:${port} did not become ready: ${errorMessage(error)}\n${formatTail(plan.logFile, tail)}`,
        { cause: error },
      );
    }
  }
}

async function waitUntilReady(server: TrackedProcess, probe: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    const exit = server.exitStatus();
    if (exit) throw new Error(`server process exited early (${describeExit(exit)})`);
    try {
      await probe();
      return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${READY_TIMEOUT_MS / 1000}s; last connection error: ${errorMessage(lastError)}`);
    }
    await Promise.race([sleep(POLL_INTERVAL_MS), server.exited]);
  }
}

function isPortConflict(logTail: string): boolean {
  return /address already in use|bind on tcp\/ip port/i.test(logTail);
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const listener = net.createServer();
    listener.once('error', reject);
    listener.listen(0, '127.0.0.1', () => {
      const address = listener.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      listener.close(() => {
        if (port === undefined) reject(new Error('could not determine a free port'));
        else resolve(port);
      });
    });
  });
}

// ---------------------------------------------------------------------------
// Child processes

interface OsUser {
  uid: number;
  gid: number;
}

interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface TrackedProcess {
  pid: number;
  exited: Promise<ExitStatus>;
  exitStatus(): ExitStatus | undefined;
}

interface SpawnTrackedOptions {
  cwd: string;
  logFile: string;
  runAs?: OsUser;
  env?: NodeJS.ProcessEnv;
  truncateLog?: boolean;
}

/** Children that must be killed if this process exits before stopping them. */
const liveProcesses = new Set<number>();
/** Temp dirs that must be removed if this process exits before stopping their servers. */
const liveTempDirs = new Set<string>();
process.on('exit', killLeftoversSync);

function killLeftoversSync(): void {
  for (const pid of liveProcesses) killProcessGroup(pid, 'SIGKILL');
  for (const dir of liveTempDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // Best effort while exiting; nothing useful left to do with the error.
    }
  }
}

/**
 * Spawns with output going to logFile. Children are detached into their own process group
 * so a Ctrl+C in the terminal reaches only us (we then stop them in order) and so a forced
 * kill can take out a server's worker processes too.
 */
async function spawnTracked(command: string, args: string[], opts: SpawnTrackedOptions): Promise<TrackedProcess> {
  const logFd = fs.openSync(opts.logFile, opts.truncateLog ? 'w' : 'a');
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', logFd, logFd],
      detached: true,
      uid: opts.runAs?.uid,
      gid: opts.runAs?.gid,
    });
  } finally {
    fs.closeSync(logFd);
  }
  let status: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      if (child.pid !== undefined) liveProcesses.delete(child.pid);
      resolve(status);
    });
  });
  if (child.pid !== undefined) liveProcesses.add(child.pid);
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => {
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not run ${command}: no pid`);
  // Do not keep the event loop alive just for a server; the exit hook cleans up forgotten ones.
  child.unref();
  return { pid, exited, exitStatus: () => status };
}

async function runToCompletion(
  name: string,
  command: string,
  args: string[],
  opts: SpawnTrackedOptions & { timeoutMs?: number },
): Promise<void> {
  const proc = await spawnTracked(command, args, opts);
  const timeoutMs = opts.timeoutMs ?? INIT_TIMEOUT_MS;
  const outcome = await waitAtMost(proc.exited, timeoutMs);
  if (outcome === 'timeout') {
    await stopProcess(proc, 'SIGKILL');
    throw new Error(
      `${name} did not finish within ${timeoutMs / 1000}s\n${formatTail(opts.logFile, await readLogTail(opts.logFile))}`,
    );
  }
  if (outcome.code !== 0) {
    throw new Error(
      `${name} failed (${describeExit(outcome)})\n${formatTail(opts.logFile, await readLogTail(opts.logFile))}`,
    );
  }
}

/** Sends `signal` to the process, then SIGKILLs its whole process group if it has not exited in time. */
async function stopProcess(proc: TrackedProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitStatus()) return;
  if (signal === 'SIGKILL') {
    killProcessGroup(proc.pid, 'SIGKILL');
  } else {
    sendSignal(proc.pid, signal);
    if ((await waitAtMost(proc.exited, STOP_GRACE_MS)) !== 'timeout') return;
    killProcessGroup(proc.pid, 'SIGKILL');
  }
  await waitAtMost(proc.exited, KILL_WAIT_MS);
}

function killProcessGroup(pid: number, signal: NodeJS.Signals): void {
  // A detached child leads its own process group, whose id is its pid.
  if (!sendSignal(-pid, signal)) sendSignal(pid, signal);
}

function sendSignal(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

function describeExit({ code, signal }: ExitStatus): string {
  return signal ? `killed by ${signal}` : `exit code ${String(code)}`;
}

// ---------------------------------------------------------------------------
// Package installation (fresh machines)

let aptQueue: Promise<void> = Promise.resolve();
/** Another apt-get (another test run, unattended upgrades) may hold the dpkg lock: wait for it. */
const APT_WAIT_FOR_LOCK = ['-o', 'DPkg::Lock::Timeout=600'];
let aptUpdated = false;

/** Installs a Debian package; serialised because concurrent apt-get runs fight over the dpkg lock. */
function aptInstall(pkg: string, log: Log): Promise<void> {
  const task = aptQueue.then(() => runAptInstall(pkg, log));
  aptQueue = task.catch(() => undefined);
  return task;
}

async function runAptInstall(pkg: string, log: Log): Promise<void> {
  if (!isRoot())
    throw new Error(`the ${pkg} package is not installed and installing it needs root (apt-get install ${pkg})`);
  const dir = await makeTempDir('apt-');
  try {
    const opts = {
      cwd: dir,
      logFile: path.join(dir, 'apt.log'),
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeoutMs: APT_TIMEOUT_MS,
    };
    if (!aptUpdated) {
      log('apt-get update');
      await runToCompletion('apt-get update', 'apt-get', [...APT_WAIT_FOR_LOCK, 'update'], opts);
      aptUpdated = true;
    }
    log(`apt-get install -y ${pkg}`);
    await runToCompletion(`apt-get install ${pkg}`, 'apt-get', [...APT_WAIT_FOR_LOCK, 'install', '-y', pkg], opts);
  } finally {
    await removeTempDir(dir);
  }
}

// ---------------------------------------------------------------------------
// Small helpers

async function makeTempDir(kind: string): Promise<string> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), `${TEMP_PREFIX}${kind}`));
  liveTempDirs.add(dir);
  return dir;
}

async function removeTempDir(dir: string): Promise<void> {
  await fsp.rm(dir, { recursive: true, force: true, maxRetries: 5 });
  liveTempDirs.delete(dir);
}

async function chownAll(paths: string[], user: OsUser): Promise<void> {
  for (const p of paths) await fsp.chown(p, user.uid, user.gid);
}

async function lookupOsUser(name: string): Promise<OsUser | undefined> {
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

async function findExecutable(names: string[]): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/sbin'];
  for (const name of names) {
    for (const dir of dirs.filter((d) => d !== '')) {
      const candidate = path.join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await fsp.access(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function readLogTail(file: string): Promise<string> {
  try {
    const lines = (await fsp.readFile(file, 'utf8')).trimEnd().split('\n');
    return lines.slice(-LOG_TAIL_LINES).join('\n') || '(empty)';
  } catch {
    return '(no log written)';
  }
}

function formatTail(file: string, tail: string): string {
  return `--- last lines of ${path.basename(file)} ---\n${tail}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, ms);
  });
}

async function waitAtMost<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      resolve('timeout');
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
