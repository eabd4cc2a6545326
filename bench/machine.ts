import { execSync } from 'node:child_process';
import { cpus, platform, release, totalmem } from 'node:os';
import type { Machine } from './results.ts';

export function describeMachine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${platform()} ${release()}`,
    openFileLimit: execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim(),
  };
}
