import type { Logger } from '../logging.ts';

/**
 * A signal repeated within this window is the same stop request arriving twice: Ctrl-C signals the
 * whole foreground process group, and a parent (npm, tsx) relays the signal to its child as well.
 */
const ECHO_WINDOW_MS = 500;

/** Under the 30 s an orchestrator (Kubernetes' default grace period) waits before killing. */
export const DEFAULT_SHUTDOWN_DEADLINE_MS = 25_000;

/**
 * Closes the process's services on SIGINT/SIGTERM (Ctrl-C, an orchestrator's stop) and exits 0
 * with "stopped cleanly" logged. `close` stops accepting work first and finishes or hands back
 * jobs in hand. A close that outlasts the deadline, fails, or a second signal exits 1 at once.
 */
export function closeOnSignal(close: () => Promise<void>, logger: Logger, deadlineMs = DEFAULT_SHUTDOWN_DEADLINE_MS): void {
  let closingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closingSince !== undefined) {
      if (Date.now() - closingSince < ECHO_WINDOW_MS) return;
      logger.warn({ signal }, 'second signal: exiting without finishing shutdown');
      process.exit(1);
    }
    closingSince = Date.now();
    logger.info({ signal, deadlineMs }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown exceeded its deadline: exiting');
      process.exit(1);
    }, deadlineMs);
    deadline.unref();
    close().then(
      () => {
        logger.info({ ms: Date.now() - closingSince! }, 'stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
