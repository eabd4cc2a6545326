import { numeric, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Column builders every subgraph declares its tables with, so the same kind of value has one SQL type. */
export const idColumn = () => uuid().primaryKey();
export const referenceColumn = () => uuid();
/** Money amounts: up to 16 digits before the point, exact to the cent and beyond. */
export const amountColumn = () => numeric({ precision: 20, scale: 4 });
/** Quantities and unit prices. */
export const quantityColumn = () => numeric({ precision: 20, scale: 6 });
export const instantColumn = () => timestamp({ withTimezone: true, mode: 'date' });
export const createdAtColumn = () => instantColumn().notNull().defaultNow();
export const updatedAtColumn = () => instantColumn().notNull().defaultNow();
