import { Router } from 'express';
import { z } from 'zod';
import { HttpError, type ErrorShape } from './errors.ts';
import type { Table } from './table.ts';
import { parseInput } from './validation.ts';

/** One collection `/admin/drift` may change, its row type hidden behind the three things the route needs. */
export interface DriftableResource {
  find(id: string): object | undefined;
  remove(id: string): void;
  /** The row as the system's own GET shows it (masked where the system masks). */
  view(row: object): unknown;
}

/** A table as `/admin/drift` sees it; `key` reads the id as the system writes it in its URLs. */
export function driftable<Row extends object, Key extends string | number>(
  table: Table<Row, Key>,
  key: (id: string) => Key | undefined,
  view: (row: Row) => unknown,
): DriftableResource {
  const rowOf = (id: string) => {
    const parsed = key(id);
    return parsed === undefined ? undefined : table.get(parsed);
  };
  return {
    find: rowOf,
    remove: (id) => {
      const parsed = key(id);
      if (parsed !== undefined) table.delete(parsed);
    },
    view: (row) => view(row as Row),
  };
}

/** A numeric surrogate id, such as the ERP's. */
export function numericKey(id: string): number | undefined {
  return /^\d+$/.test(id) ? Number(id) : undefined;
}

/** A textual id. */
export function textKey(id: string): string {
  return id;
}

const driftBody = z.union([
  z
    .object({
      resource: z.string().min(1),
      id: z.union([z.string().min(1), z.number().int()]),
      set: z.record(z.string(), z.unknown()).refine((set) => Object.keys(set).length > 0, { message: 'must name at least one field' }),
    })
    .strict(),
  z.object({ resource: z.string().min(1), id: z.union([z.string().min(1), z.number().int()]), delete: z.literal(true) }).strict(),
]);

type DriftBody = z.output<typeof driftBody>;

function applyDrift(resource: DriftableResource, body: DriftBody, shape: ErrorShape): unknown {
  const id = String(body.id);
  const row = resource.find(id);
  if (!row) throw new HttpError(404, shape.notFoundCode, `No ${body.resource} record ${String(body.id)}.`);
  if ('delete' in body) {
    resource.remove(id);
    return resource.view(row);
  }
  const unknown = Object.keys(body.set).filter((field) => !(field in row));
  if (unknown.length > 0) {
    throw new HttpError(400, shape.invalidInputCode, `set: ${body.resource} has no field ${unknown.join(', ')}.`);
  }
  Object.assign(row, body.set);
  return resource.view(row);
}

/**
 * `POST /admin/drift`: changes or deletes one record the way a person editing the system by hand
 * would, so without a feed event or a webhook. Reconciliation is what has to notice it.
 */
export function driftRouter(resources: Record<string, DriftableResource>, shape: ErrorShape, changed: () => void): Router {
  const router = Router();
  router.post('/admin/drift', (request, response) => {
    const body = parseInput(driftBody, request.body ?? {}, shape.invalidInputCode);
    const resource = Object.hasOwn(resources, body.resource) ? resources[body.resource] : undefined;
    if (!resource) {
      const known = Object.keys(resources).join(', ');
      throw new HttpError(400, shape.invalidInputCode, `resource: no collection ${body.resource} (one of ${known}).`);
    }
    const record = applyDrift(resource, body, shape);
    changed();
    response.json(record);
  });
  return router;
}
