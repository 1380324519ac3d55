/**
 * Who a process is, in a form that outlives it: pid, start time (Linux /proc, which tells a reused
 * pid apart) and hostname. Used to tell whether the holder of a lock or a lease is still alive.
 */
import fs from 'node:fs';
import os from 'node:os';

export interface ProcessIdentity {
  pid: number;
  startTime: string | null;
  hostname: string;
}

/** The process's start time in clock ticks since boot (Linux); null elsewhere. */
function startTimeOf(pid: number | 'self'): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) may hold spaces, so count from its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

export const currentProcess = (): ProcessIdentity => ({
  pid: process.pid,
  startTime: startTimeOf('self'),
  hostname: os.hostname(),
});

export const isSameProcess = (a: ProcessIdentity, b: ProcessIdentity): boolean =>
  a.pid === b.pid && a.startTime === b.startTime && a.hostname === b.hostname;

/** True unless the process is known to be gone; a process on another machine cannot be checked and counts as alive. */
export function isAlive(holder: ProcessIdentity): boolean {
  if (holder.hostname !== os.hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const startTime = startTimeOf(holder.pid);
  return holder.startTime === null || startTime === null || startTime === holder.startTime;
}

/** `host/pid/start` as stored in a column (leases). */
export const formatIdentity = (p: ProcessIdentity): string => `${p.hostname}/${p.pid}/${p.startTime ?? ''}`;

export function parseIdentity(text: string): ProcessIdentity | null {
  const match = /^(.*)\/(\d+)\/(\d*)$/.exec(text);
  return match ? { hostname: match[1], pid: Number(match[2]), startTime: match[3] || null } : null;
}
