/** A child process for the lock tests: takes the data folder lock, says so, and holds it until killed. */
import { lockDataDir } from '../data-dir-lock.js';

const dir = process.argv[2];
await lockDataDir(dir);
process.stdout.write('locked\n');
// Optionally block the event loop for a while, as a long synchronous job would.
if (process.argv[3]) {
  const until = Date.now() + Number(process.argv[3]);
  while (Date.now() < until) {
    /* busy */
  }
  process.stdout.write('unblocked\n');
}
setInterval(() => {}, 1_000);
