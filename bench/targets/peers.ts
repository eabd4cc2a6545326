import { ports } from '../config.ts';
import { startService, waitUntilServing, type ServiceProcess } from '../processes.ts';

export interface PeerGateway {
  readonly label: string;
  readonly graphqlUrl: string;
  readonly process: ServiceProcess;
}

export interface PeerGateways {
  apollo: PeerGateway;
  hive: PeerGateway;
  hiveUndeduplicated: PeerGateway;
  hiveRust: PeerGateway;
}

/** The stock Apollo Gateway and Hive Gateway (defaults, deduplication off, Rust query planner), each its own process, over the same subgraphs and supergraph file. */
export async function startPeerGateways(supergraph: string): Promise<PeerGateways> {
  const start = async (
    label: string,
    name: string,
    script: string,
    port: number,
    env: Record<string, string> = {},
  ): Promise<PeerGateway> => {
    const process = startService(name, { script, env: { ...env, SUPERGRAPH_PATH: supergraph, PORT: String(port) } });
    const graphqlUrl = `http://127.0.0.1:${port}/graphql`;
    await waitUntilServing(process, graphqlUrl);
    return { label, graphqlUrl, process };
  };
  const apollo = await start('Apollo Gateway (stock)', 'apollo-gateway', 'bench/targets/apollo-gateway-process.ts', ports.apolloGateway);
  const hive = await start('Hive Gateway', 'hive-gateway', 'bench/targets/hive-gateway-process.ts', ports.hiveGateway);
  const hiveUndeduplicated = await start(
    'Hive Gateway, deduplication off',
    'hive-gateway-no-dedup',
    'bench/targets/hive-gateway-process.ts',
    ports.hiveGatewayUndeduplicated,
    {
      HIVE_DEDUPLICATE_INFLIGHT: 'off',
    },
  );
  const hiveRust = await start(
    'Hive Gateway, Rust query planner',
    'hive-gateway-rust',
    'bench/targets/hive-gateway-process.ts',
    ports.hiveGatewayRust,
    { HIVE_QUERY_PLANNER: 'rust' },
  );
  return { apollo, hive, hiveUndeduplicated, hiveRust };
}
