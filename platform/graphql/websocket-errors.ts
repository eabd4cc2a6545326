import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import type { Logger } from '../logging.ts';
import { createErrorFormatter } from './error-formatting.ts';

type ErrorHooks = Required<Pick<ServerOptions, 'onNext' | 'onError'>>;

/**
 * The graphql-ws hooks that format every outgoing error as formatError does over HTTP: a client
 * sees codes and messages meant for it, operators get the rest in the log.
 */
export function websocketErrorHooks(logger: Logger): ErrorHooks {
  const format = createErrorFormatter(logger);
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => format(error.toJSON(), error));
  return {
    onNext: (_context, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),
    onError: (_context, _id, _payload, errors) => formatAll(errors),
  };
}
