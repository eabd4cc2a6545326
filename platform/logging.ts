import { pino, type Logger } from 'pino';
import { logLevel } from './config.ts';
import { currentTraceId } from './tracing/trace-context.ts';

export type { Logger };

/** What every line carries from the trace it is written in: its id, or nothing outside one (and always with tracing off). */
export function traceFields(): { traceId?: string } {
  const traceId = currentTraceId();
  return traceId ? { traceId } : {};
}

const root = pino({
  level: logLevel(),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  // A line written inside a trace names it, so a trace leads to its logs and back.
  mixin: traceFields,
  redact: { paths: ['*.taxId', '*.accountNumber', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
});

/** A structured logger for one service; every line carries the service name. */
export function createLogger(service: string): Logger {
  return root.child({ service });
}
