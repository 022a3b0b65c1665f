import { randomBytes } from 'node:crypto';
import os from 'node:os';

/**
 * Owners are `host:pid:nonce`. A holder on this host whose process is gone (killed with
 * SIGKILL mid-sync) frees its lease at once instead of blocking the restart until it expires.
 */
export function ownerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostName() || !/^\d+$/.test(pid ?? '')) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function hostName(): string {
  return os.hostname();
}

/** An owner for a lease this process takes: this host, this process, and a nonce of its own. */
export function newLockOwner(): string {
  return `${hostName()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
