import {
  CircuitState,
  ConsecutiveBreaker,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
} from 'cockatiel';
import { Gauge } from 'prom-client';
import { backingSystems, type BackingSystem } from '../db/integration-tables.ts';
import type { BreakerState } from '../db/platform-tables.ts';
import { metricsRegistry } from '../metrics.ts';
import { describeError, isPermanentFailure } from './failures.ts';

export type { BreakerState };

export interface SystemPolicyOptions {
  /** Longest one call may take; its AbortSignal fires then and the call counts as a failure. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one test call through. */
  halfOpenAfterMs: number;
}

const defaultSystemPolicyOptions: SystemPolicyOptions = {
  timeoutMs: 10_000,
  failureThreshold: 5,
  halfOpenAfterMs: 30_000,
};

/** How calls to one remote are made: with a deadline and, for a backing system, through its breaker. */
export interface CallPolicy {
  readonly timeoutMs: number;
  execute<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Milliseconds during which calls will still be refused; 0 when a call may go through. */
  refusingForMs(): number;
}

export interface BreakerSummary {
  system: BackingSystem;
  state: BreakerState;
  openedAt: Date | null;
  lastFailure: string | null;
}

export interface SystemPolicy extends CallPolicy {
  readonly system: BackingSystem;
  summary(): BreakerSummary;
  /** Calls `listener` on every breaker transition; the returned function stops that. */
  onStateChange(listener: (state: BreakerState) => void): () => void;
}

const breakerStateGauge = new Gauge({
  name: 'backing_system_circuit_state',
  help: 'Circuit breaker state per backing system: 0 closed, 1 open, 2 half-open.',
  labelNames: ['system'] as const,
  registers: [metricsRegistry],
});

const gaugeValue: Record<BreakerState, number> = { CLOSED: 0, OPEN: 1, HALF_OPEN: 2 };

function breakerState(state: CircuitState): BreakerState {
  if (state === CircuitState.Closed) return 'CLOSED';
  if (state === CircuitState.HalfOpen) return 'HALF_OPEN';
  return 'OPEN';
}

function lastFailureOf(breaker: CircuitBreakerPolicy): string | null {
  const failure = breaker.lastFailure;
  if (!failure) return null;
  return 'error' in failure ? describeError(failure.error) : 'unexpected result';
}

export function timeoutPolicy(timeoutMs: number): CallPolicy {
  const deadline = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  return {
    timeoutMs,
    execute: (call) => deadline.execute(({ signal }) => call(signal)),
    refusingForMs: () => 0,
  };
}

function createSystemPolicy(system: BackingSystem, options: SystemPolicyOptions): SystemPolicy {
  // A rejected payload says nothing about the system's health, so only other failures count.
  const breaker = circuitBreaker(
    handleWhen((error) => !isPermanentFailure(error)),
    { breaker: new ConsecutiveBreaker(options.failureThreshold), halfOpenAfter: options.halfOpenAfterMs },
  );
  const guarded = wrap(breaker, timeout(options.timeoutMs, TimeoutStrategy.Aggressive));
  let openedAt: number | null = null;
  breaker.onBreak(() => {
    openedAt = Date.now();
  });
  breaker.onReset(() => {
    openedAt = null;
  });
  breaker.onStateChange((state) => breakerStateGauge.set({ system }, gaugeValue[breakerState(state)]));
  breakerStateGauge.set({ system }, 0);

  return {
    system,
    timeoutMs: options.timeoutMs,
    execute: (call) => guarded.execute(({ signal }) => call(signal)),
    refusingForMs() {
      if (breaker.state !== CircuitState.Open && breaker.state !== CircuitState.Isolated) return 0;
      return Math.max(0, (openedAt ?? Date.now()) + options.halfOpenAfterMs - Date.now());
    },
    onStateChange(listener) {
      const subscription = breaker.onStateChange((state) => listener(breakerState(state)));
      return () => subscription.dispose();
    },
    summary: () => ({
      system,
      state: breakerState(breaker.state),
      openedAt: openedAt === null ? null : new Date(openedAt),
      lastFailure: lastFailureOf(breaker),
    }),
  };
}

/**
 * One breaker per backing system, shared by every handler that calls it, so an outage seen by
 * one workflow stops the others from hammering the same system. A process builds one from its
 * settings (`backingSystemPolicies`); tests build their own with short timings.
 */
export class BackingSystemPolicies {
  readonly #policies = new Map<BackingSystem, SystemPolicy>();
  readonly #options: SystemPolicyOptions;
  readonly #overrides: Partial<Record<BackingSystem, Partial<SystemPolicyOptions>>>;

  constructor(options: Partial<SystemPolicyOptions> = {}, overrides: Partial<Record<BackingSystem, Partial<SystemPolicyOptions>>> = {}) {
    this.#options = { ...defaultSystemPolicyOptions, ...options };
    this.#overrides = overrides;
  }

  for(system: BackingSystem): SystemPolicy {
    let policy = this.#policies.get(system);
    if (!policy) {
      policy = createSystemPolicy(system, { ...this.#options, ...this.#overrides[system] });
      this.#policies.set(system, policy);
    }
    return policy;
  }

  /** The timeout every call gets when a job talks to no backing system. */
  get defaultTimeoutMs(): number {
    return this.#options.timeoutMs;
  }

  summaries(): BreakerSummary[] {
    return backingSystems.map((system) => this.for(system).summary());
  }
}

/** A process's policies: each backing system with its configured timeout (`ERP_TIMEOUT_MS`, ...). */
export function backingSystemPolicies(
  timeoutsMs: Readonly<Record<BackingSystem, number>>,
  options: Partial<Omit<SystemPolicyOptions, 'timeoutMs'>> = {},
): BackingSystemPolicies {
  const overrides = Object.fromEntries(backingSystems.map((system) => [system, { timeoutMs: timeoutsMs[system] }]));
  return new BackingSystemPolicies(options, overrides);
}
