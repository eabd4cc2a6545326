// autocannon 9 ships no types: the part of its API the benchmark uses.
declare module 'autocannon' {
  namespace autocannon {
    /** A request as autocannon sends it; `setupRequest` may change it before each send. */
    interface Request {
      body?: string;
      setupRequest?: (request: Request) => Request;
    }
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    requests?: autocannon.Request[];
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
