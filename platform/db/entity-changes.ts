import { listen, type DatabaseClient } from './client.ts';

/**
 * Where each domain subgraph's schema announces its committed changes (payload: the schema's
 * name). Its tables' statement-level triggers notify it (each subgraph's
 * `entity-change-notifications` migration), so no write path can forget to; a transaction's
 * notifications reach listeners when, and only if, it commits.
 */
export const ENTITY_CHANGES_CHANNEL = 'procuregraph_entity_changes';

/**
 * Calls `onChange` with the schema's name after each transaction that changed one of its tables,
 * and `onMissed` when listening starts again after a lost connection (changes may have gone unheard).
 */
export function listenForEntityChanges(
  client: DatabaseClient,
  onChange: (schema: string) => void,
  onMissed: () => void,
): Promise<() => Promise<void>> {
  return listen(client, ENTITY_CHANGES_CHANNEL, onChange, onMissed);
}
