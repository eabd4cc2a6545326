import { Router, type Request } from 'express';
import { HttpError, readStringParam } from '@procuregraph/reference-http';
import { ErpErrorCode } from '../fusion-errors.ts';
import { pageOf, readPageRequest, wholeCollection, type Collection } from './collection.ts';
import { matchesAll, parseQ } from './q-filter.ts';

export const BASE_PATH = '/fscmRestApi/resources/11.13.18.05';

/** A child collection of a resource (`lines`, `schedules`, `addresses`...). */
export interface ChildDescriptor {
  name: string;
  key: string;
  attributes: readonly string[];
  children: readonly ChildDescriptor[];
}

type Row = Record<string, unknown>;

/** A top-level resource: its stored rows and how a client sees one (masked where needed). */
export interface ResourceDescriptor<Stored extends object = object> extends ChildDescriptor {
  rows(): readonly Stored[];
  view(row: Stored): Row;
}

/** Which children to inline: `expand=all` (every level), or paths such as `lines,lines.schedules`. */
interface Expand {
  all: boolean;
  paths: ReadonlySet<string>;
}

const EXPAND_ALL: Expand = { all: true, paths: new Set() };
const EXPAND_NONE: Expand = { all: false, paths: new Set() };

function readExpand(request: Request): Expand {
  const text = readStringParam(request.query.expand, 'expand', ErpErrorCode.badRequest) ?? '';
  const paths = text
    .split(',')
    .map((path) => path.trim())
    .filter(Boolean);
  return { all: paths.includes('all'), paths: new Set(paths) };
}

function isExpanded(expand: Expand, path: string): boolean {
  if (expand.all || expand.paths.has(path)) return true;
  for (const requested of expand.paths) if (requested.startsWith(`${path}.`)) return true;
  return false;
}

/** A row with its child collections either inlined as collections (when expanded) or left out, as Fusion does. */
export function shape(row: Row, descriptor: ChildDescriptor, expand: Expand, prefix = ''): Row {
  const shaped: Row = { ...row };
  for (const child of descriptor.children) {
    const path = `${prefix}${child.name}`;
    const items = (row[child.name] as Row[] | undefined) ?? [];
    if (isExpanded(expand, path)) shaped[child.name] = wholeCollection(items.map((item) => shape(item, child, expand, `${path}.`)));
    else delete shaped[child.name];
  }
  return shaped;
}

/** A resource as a GET with `expand=all` returns it: what business events carry. */
export function fullView<Stored extends object>(descriptor: ResourceDescriptor<Stored>, row: Stored): Row {
  return shape(descriptor.view(row), descriptor, EXPAND_ALL);
}

/** A resource as a write (POST, PATCH) answers it: without its child collections. */
export function itemView<Stored extends object>(descriptor: ResourceDescriptor<Stored>, row: Stored): Row {
  return shape(descriptor.view(row), descriptor, EXPAND_NONE);
}

function queryableAttributes(descriptor: ChildDescriptor): Set<string> {
  const names = new Set(descriptor.attributes);
  for (const child of descriptor.children) for (const attribute of child.attributes) names.add(`${child.name}.${attribute}`);
  return names;
}

function notFound(what: string): HttpError {
  return new HttpError(404, ErpErrorCode.notFound, `The requested resource ${what} does not exist.`);
}

/**
 * A page of `rows` as the client sees them. Without `q` only the requested page is viewed, so paging
 * through a million invoices costs each request its page, not the whole table.
 */
function listRows<Stored>(request: Request, rows: readonly Stored[], descriptor: ChildDescriptor, view: (row: Stored) => Row) {
  const q = readStringParam(request.query.q, 'q', ErpErrorCode.badRequest);
  const conditions = q ? parseQ(q, queryableAttributes(descriptor)) : [];
  const page = readPageRequest(request.query);
  const expand = readExpand(request);
  const collection =
    conditions.length > 0
      ? pageOf(
          rows.map(view).filter((row) => matchesAll(row, conditions)),
          page,
        )
      : viewedPage(pageOf(rows, page), view);
  return { ...collection, items: collection.items.map((row) => shape(row, descriptor, expand)) };
}

function viewedPage<Stored>(collection: Collection<Stored>, view: (row: Stored) => Row): Collection<Row> {
  return { ...collection, items: collection.items.map(view) };
}

const asStored = (row: Row) => row;

/**
 * Every read of the ERP's REST resources, the Fusion way:
 * `GET /{resource}` (paged, `q`, `expand`), `GET /{resource}/{id}`,
 * `GET /{resource}/{id}/child/{child}` and deeper (`.../child/lines/{POLineId}/child/schedules`).
 */
export function resourceReader(descriptors: readonly ResourceDescriptor[]): Router {
  const byName = new Map(descriptors.map((descriptor) => [descriptor.name, descriptor]));
  const router = Router();
  router.get(`${BASE_PATH}/:resource{/*rest}`, (request, response) => {
    const resource = byName.get(String(request.params.resource));
    if (!resource) throw notFound(request.path);
    const segments = (request.params as { rest?: string[] }).rest ?? [];
    if (segments.length === 0) return void response.json(listRows(request, resource.rows(), resource, (row) => resource.view(row)));
    let descriptor: ChildDescriptor = resource;
    let rows: readonly Row[] = resource.rows().map((row) => resource.view(row));
    let index = 0;
    for (;;) {
      if (index === segments.length) return void response.json(listRows(request, rows, descriptor, asStored));
      const found = rows.find((row) => String(row[descriptor.key]) === segments[index]);
      if (!found) throw notFound(request.path);
      if (index + 1 === segments.length) return void response.json(shape(found, descriptor, readExpand(request)));
      const child =
        segments[index + 1] === 'child' ? descriptor.children.find((candidate) => candidate.name === segments[index + 2]) : undefined;
      if (!child) throw notFound(request.path);
      rows = (found[child.name] as Row[] | undefined) ?? [];
      descriptor = child;
      index += 3;
    }
  });
  return router;
}
