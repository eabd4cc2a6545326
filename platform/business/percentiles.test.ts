import { describe, expect, it } from 'vitest';
import { nearestRank } from './percentiles.ts';

describe('nearestRank', () => {
  it('takes the value at rank ⌈p/100 × n⌉ of the sorted values', () => {
    const values = [90, 10, 70, 30, 50, 20, 40, 60, 80, 100];
    expect([nearestRank(values, 50), nearestRank(values, 90), nearestRank(values, 99), nearestRank(values, 100)]).toEqual([
      50, 90, 100, 100,
    ]);
    expect([nearestRank([7, 3, 5], 50), nearestRank([7, 3, 5], 90)]).toEqual([5, 7]);
  });

  it('gives the one value of one, and none of none', () => {
    expect([nearestRank([42], 1), nearestRank([42], 99), nearestRank([], 50)]).toEqual([42, 42, null]);
  });
});
