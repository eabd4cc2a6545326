import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One measurement: requests per second and latency percentiles in milliseconds. */
export interface LoadSample {
  rps: number;
  p50: number;
  p99: number;
  /** Failed connections, timeouts and non-2xx answers: a sample with any is reported, not hidden. */
  failures: number;
}

/** `connections` clients sending the request back to back for `seconds`. */
export async function measureLoad(request: LoadRequest, connections: number, seconds: number): Promise<LoadSample> {
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    connections,
    duration: seconds,
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
