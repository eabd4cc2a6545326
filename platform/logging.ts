import { pino, type Logger } from 'pino';
import { logLevel } from './config.ts';

export type { Logger };

const root = pino({
  level: logLevel(),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ['*.taxId', '*.accountNumber', '*.authorization', 'req.headers.authorization'], censor: '[redacted]' },
});

/** A structured logger for one service; every line carries the service name. */
export function createLogger(service: string): Logger {
  return root.child({ service });
}
