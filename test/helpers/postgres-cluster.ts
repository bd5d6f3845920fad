/**
 * A private PostgreSQL for one test run: its own data directory in a temporary directory, a free
 * port on 127.0.0.1, its unix socket in that directory, trust authentication for the `parcours`
 * role, and nothing made durable (fsync off: the cluster dies with the run). It is no system
 * service: started with pg_ctl, stopped by the run that started it (test/global-teardown.ts, or
 * the process's exit). PostgreSQL refuses to run as root; as root it runs as the `postgres` user
 * that Debian's package creates, in a directory that user owns.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../bench/system/free-port';

export interface Cluster {
  /** The cluster's superuser on its `postgres` database: tests create their databases through it. */
  adminUrl: string;
  dir: string;
}

const ROLE = 'parcours';

/** Runs a PostgreSQL program as the user the cluster belongs to. */
function runAs(bin: string, program: string, args: string[], cwd: string): void {
  const file = path.join(bin, program);
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export async function startCluster(bin: string): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parcours-pg-'));
  const data = path.join(dir, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    fs.chownSync(dir, uid, gid);
  }
  fs.chmodSync(dir, 0o700);
  try {
    runAs(bin, 'initdb', ['-D', data, '-U', ROLE, '--auth=trust', '--no-locale', '-E', 'UTF8', '--no-sync'], dir);
    // Another process may take the port between our probe and the server's bind: tried again then.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        runAs(bin, 'pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'], dir);
        return { adminUrl: `postgres://${ROLE}@127.0.0.1:${port}/postgres`, dir };
      } catch (err) {
        if (attempt >= 3) throw new Error(`PostgreSQL did not start: ${String(err)}\n${readLog(dir)}`);
      }
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000);
  } catch {
    return '';
  }
}

/** Stops the cluster at once (its data is thrown away) and removes its directory. Synchronous, so that an exiting process can call it. */
export function stopCluster(bin: string, dir: string): void {
  try {
    if (fs.existsSync(path.join(dir, 'data', 'postmaster.pid'))) runAs(bin, 'pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop'], dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
