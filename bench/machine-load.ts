/**
 * How busy the machine is with other work, from `/proc`. Figures taken while something else uses
 * the CPU are noisy and should not be published, so the bench reports it. (The load average would
 * not do: `npm run bench` compiles just before, which lifts it for a minute.)
 */
import { readFileSync } from 'node:fs';

function readMachineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  // Fields: user nice system idle iowait irq softirq steal guest guest_nice; guests are inside user.
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** CPU ticks of this process plus all its children that have exited and been reaped. */
function readOwnTreeTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14-17 of stat, 12-15 after the command name.
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
}

/** Share (0..1) of all cores busy over the next `milliseconds`, while the bench itself waits. */
export async function measureBusyShare(milliseconds = 500): Promise<number> {
  const before = readMachineTicks();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  const after = readMachineTicks();
  const total = after.total - before.total;
  return total === 0 ? 0 : (after.busy - before.busy) / total;
}

/**
 * Starts counting the CPU the machine spends outside the bench's own process tree. `stop()` must
 * be called once every child has exited (their CPU is then in this process's `cutime`), and returns
 * that share (0..1) of all cores. Kernel work for loopback traffic is partly counted as nobody's,
 * so a quiet machine still shows a few percent.
 */
export function startOtherCpuMonitor(): { stop(): number } {
  const machineBefore = readMachineTicks();
  const ownBefore = readOwnTreeTicks();
  return {
    stop: () => {
      const machineAfter = readMachineTicks();
      const total = machineAfter.total - machineBefore.total;
      const others = machineAfter.busy - machineBefore.busy - (readOwnTreeTicks() - ownBefore);
      return total === 0 ? 0 : Math.max(0, others) / total;
    },
  };
}
