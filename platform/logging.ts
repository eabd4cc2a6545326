import { pino, type Logger } from 'pino';

export type { Logger };

const level = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');

const root = pino({
  level,
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ['*.taxId', '*.accountNumber', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
});

/** A structured logger for one service; every line carries the service name. */
export function createLogger(service: string): Logger {
  return root.child({ service });
}
