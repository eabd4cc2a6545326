/**
 * The stock peer: `ApolloGateway` and `ApolloServer` with default settings over the benchmark's
 * supergraph (SUPERGRAPH_PATH), on PORT. The one non-default piece forwards the caller header the
 * load generator sends, since our subgraphs refuse requests without it.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_HEADER } from '@procuregraph/platform/auth';

interface ForwardedCaller {
  callerToken?: string;
}

class CallerForwardingDataSource extends RemoteGraphQLDataSource<ForwardedCaller> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<ForwardedCaller>['willSendRequest']>>[0]) {
    if (context.callerToken) request.http?.headers.set(CALLER_HEADER, context.callerToken);
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_PATH!, 'utf8'),
  buildService: ({ url }) => new CallerForwardingDataSource({ url }),
});
const server = new ApolloServer<ForwardedCaller>({ gateway });
await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT), host: '127.0.0.1' },
  context: async ({ req }) => ({ callerToken: req.headers[CALLER_HEADER] as string | undefined }),
});
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
