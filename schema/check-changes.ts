/**
 * `npm run schema:check`: fails when the public graph changes in a way that breaks clients,
 * unless the change is accepted in schema/accepted-changes.json.
 *
 * Which versions: every committed version of schema/supergraph.graphql after the baseline commit
 * (`git log --first-parent --format=%H -- schema/supergraph.graphql`) is compared with the
 * version before it, and the working tree with the last committed version. Comparing each
 * consecutive pair, not only the newest with one old version, catches a breaking change in any
 * commit, even one a later commit hides (a field removed, then added back with another type).
 * First-parent history makes a merge one step, its net change. This needs the history back to
 * the baseline: CI clones fully, and a shallow clone that does not reach it fails rather than
 * passing unchecked.
 *
 * What is compared: the API schema clients see (the supergraph without federation's join
 * machinery), by @graphql-inspector/core's diff. A breaking change passes only when
 * accepted-changes.json lists its path and change type with a reason and a date. Removing a field,
 * input field or enum value also needs it to have been @deprecated in the version before, accepted
 * or not: clients get a deprecation period first, never a surprise.
 *
 * The baseline is the commit after which the checks apply: the first commits built the schema
 * from nothing, and their changes are not listed one by one.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { repositoryRoot } from '@procuregraph/platform/config';

export interface AcceptedChange {
  /** The schema coordinate the change reports, e.g. `Supplier.legalName`. */
  path: string;
  /** @graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  reason: string;
  /** When it was accepted (YYYY-MM-DD). */
  date: string;
}

export interface AcceptedChanges {
  baseline: { commit: string; reason: string; date: string };
  accepted: AcceptedChange[];
}

/** A breaking change that may not ship, and why. */
export interface Refusal {
  path: string;
  type: string;
  message: string;
  why: string;
}

const SUPERGRAPH = 'schema/supergraph.graphql';
const ACCEPTED_FILE = join(repositoryRoot, 'schema', 'accepted-changes.json');
const REMOVALS: ReadonlySet<string> = new Set([ChangeType.FieldRemoved, ChangeType.InputFieldRemoved, ChangeType.EnumValueRemoved]);

/** Whether `Type.member` (a field, input field or enum value) is deprecated in the schema. */
function wasDeprecated(schema: GraphQLSchema, path: string): boolean {
  const [typeName, member] = path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return false;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) return Boolean(type.getFields()[member]?.deprecationReason);
  if (isEnumType(type)) return Boolean(type.getValue(member)?.deprecationReason);
  return false;
}

function refusalOf(change: Change, before: GraphQLSchema, accepted: readonly AcceptedChange[]): string | undefined {
  const path = change.path ?? '';
  if (REMOVALS.has(change.type) && !wasDeprecated(before, path)) return 'removed without being @deprecated in the version before';
  const isAccepted = accepted.some((entry) => entry.path === path && entry.type === change.type);
  return isAccepted ? undefined : 'breaking and not listed in schema/accepted-changes.json';
}

/** The breaking changes from `before` to `after` that are not allowed. */
export async function refusedChanges(before: GraphQLSchema, after: GraphQLSchema, accepted: readonly AcceptedChange[]): Promise<Refusal[]> {
  const changes = await diff(before, after);
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .flatMap((change) => {
      const why = refusalOf(change, before, accepted);
      return why ? [{ path: change.path ?? '', type: change.type, message: change.message, why }] : [];
    });
}

function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repositoryRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The committed versions of the supergraph after (and including) the baseline, oldest first. */
function versionsSinceBaseline(baseline: string): { label: string; sdl: string }[] {
  const commits = git('log', '--first-parent', '--format=%H', '--', SUPERGRAPH).split('\n').filter(Boolean).reverse();
  const start = commits.findIndex((commit) => commit.startsWith(baseline));
  if (start < 0)
    throw new Error(
      `The baseline commit ${baseline} is not in this clone's history of ${SUPERGRAPH}: fetch the full history (git fetch --unshallow).`,
    );
  return commits.slice(start).map((commit) => ({ label: commit.slice(0, 12), sdl: git('show', `${commit}:${SUPERGRAPH}`) }));
}

function readAccepted(): AcceptedChanges {
  const parsed = JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8')) as AcceptedChanges;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  const complete = (entry: AcceptedChange) =>
    [entry.path, entry.type, entry.reason].every((value) => typeof value === 'string' && value !== '') && date.test(entry.date);
  if (typeof parsed.baseline?.commit !== 'string' || !Array.isArray(parsed.accepted) || !parsed.accepted.every(complete)) {
    throw new Error(`${ACCEPTED_FILE}: needs { baseline: { commit, reason, date }, accepted: [{ path, type, reason, date: YYYY-MM-DD }] }`);
  }
  return parsed;
}

async function main(): Promise<number> {
  const { baseline, accepted } = readAccepted();
  const versions = versionsSinceBaseline(baseline.commit);
  const workingTree = join(repositoryRoot, SUPERGRAPH);
  if (existsSync(workingTree)) versions.push({ label: 'working tree', sdl: readFileSync(workingTree, 'utf8') });
  let refused = 0;
  for (let index = 1; index < versions.length; index++) {
    const [before, after] = [versions[index - 1]!, versions[index]!];
    if (before.sdl === after.sdl) continue;
    for (const refusal of await refusedChanges(apiSchemaOf(before.sdl), apiSchemaOf(after.sdl), accepted)) {
      console.error(`${before.label} → ${after.label}: ${refusal.type} ${refusal.path}: ${refusal.message} (${refusal.why})`);
      refused += 1;
    }
  }
  if (refused > 0) {
    console.error(
      `${refused} breaking change(s) refused. Deprecate before removing; accept a deliberate break in schema/accepted-changes.json.`,
    );
    return 1;
  }
  console.log(`No unaccepted breaking changes in ${versions.length} version(s) of ${SUPERGRAPH} since ${baseline.commit.slice(0, 12)}.`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
