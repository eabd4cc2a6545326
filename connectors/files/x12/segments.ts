import { elementValue, type X12Error } from './interchange.ts';
import type { X12Segment } from './writer.ts';

/**
 * Reads the elements of one transaction set's segments, collecting what is missing or malformed
 * as 997 AK3/AK4 errors (AK304 3: mandatory segment missing; AK403 1: mandatory element missing,
 * 4: too short, 6: invalid character, 8: invalid date).
 */
export class SegmentReader {
  readonly errors: X12Error[] = [];
  constructor(private readonly segments: X12Segment[]) {}

  /** Segment positions count ST as 1. */
  positionOf(segment: X12Segment): number {
    return this.segments.indexOf(segment) + 2;
  }

  all(tag: string): X12Segment[] {
    return this.segments.filter((segment) => segment.tag === tag);
  }

  first(tag: string): X12Segment | undefined {
    return this.segments.find((segment) => segment.tag === tag);
  }

  required(tag: string): X12Segment | undefined {
    const segment = this.first(tag);
    if (!segment)
      this.errors.push({ segment: tag, position: null, element: null, code: '3', message: `Mandatory segment ${tag} is missing` });
    return segment;
  }

  fail(segment: X12Segment, element: number, code: string, message: string): void {
    this.errors.push({ segment: segment.tag, position: this.positionOf(segment), element, code, message });
  }

  text(segment: X12Segment, element: number, name: string): string {
    const found = elementValue(segment, element);
    if (found === '') this.fail(segment, element, '1', `${segment.tag}${pad2(element)} (${name}) is required`);
    return found;
  }

  optional(segment: X12Segment | undefined, element: number): string | null {
    const found = elementValue(segment, element);
    return found === '' ? null : found;
  }

  /** CCYYMMDD to YYYY-MM-DD. */
  date(segment: X12Segment, element: number, name: string): string {
    const found = this.text(segment, element, name);
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(found);
    if (found !== '' && (!match || Number.isNaN(Date.parse(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`)))) {
      this.fail(segment, element, '8', `${segment.tag}${pad2(element)} (${name}) must be a date CCYYMMDD, got ${found}`);
    }
    return match ? `${match[1]}-${match[2]}-${match[3]}` : found;
  }

  decimal(segment: X12Segment, element: number, name: string): string {
    const found = this.text(segment, element, name);
    if (found !== '' && !/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(found))
      this.fail(segment, element, '6', `${segment.tag}${pad2(element)} (${name}) must be a number, got ${found}`);
    return found.startsWith('.') ? `0${found}` : found;
  }

  integer(segment: X12Segment, element: number, name: string): number {
    const found = this.text(segment, element, name);
    if (found !== '' && !/^\d+$/.test(found))
      this.fail(segment, element, '6', `${segment.tag}${pad2(element)} (${name}) must be a whole number, got ${found}`);
    return Number(found);
  }
}

export function pad2(element: number): string {
  return String(element).padStart(2, '0');
}

/** Finds the value following a qualifier in a segment's qualifier/value pairs (IT106/IT107, ...). */
export function qualified(segment: X12Segment, qualifier: string, from: number): string | null {
  for (let position = from; position < segment.elements.length; position += 2) {
    if (elementValue(segment, position) === qualifier) return elementValue(segment, position + 1) || null;
  }
  return null;
}

export function yyyymmdd(isoDate: string): string {
  return isoDate.slice(0, 10).replaceAll('-', '');
}
