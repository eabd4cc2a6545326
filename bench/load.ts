import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** One body sent by every request (the identical workload), or several sent in turn (the varied one). */
  readonly bodies: readonly string[];
}

/** One measurement: requests per second and latency percentiles in milliseconds. */
export interface LoadSample {
  rps: number;
  p50: number;
  p99: number;
  /** Requests completed in the measured window. */
  requests: number;
  /** Failed connections, timeouts and non-2xx answers: a sample with any is reported, not hidden. */
  failures: number;
}

/** Each request takes the next body in turn, so no two requests in flight need be alike. */
function inTurn(bodies: readonly string[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      setupRequest: (request) => {
        const body = bodies[next % bodies.length];
        next += 1;
        return { ...request, body };
      },
    },
  ];
}

/** `connections` clients sending the request back to back for `seconds`. */
export async function measureLoad(request: LoadRequest, connections: number, seconds: number): Promise<LoadSample> {
  const [first] = request.bodies;
  const result = await autocannon({
    url: request.url,
    method: 'POST',
    headers: request.headers,
    connections,
    duration: seconds,
    ...(request.bodies.length > 1 ? { requests: inTurn(request.bodies) } : { body: first }),
  });
  return {
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
