/** All but the last four characters replaced by X, the way bank systems print account numbers. */
export function maskAllButLastFour(value: string): string {
  return 'X'.repeat(Math.max(0, value.length - 4)) + value.slice(-4);
}

export function lastFour(value: string): string {
  return value.replace(/\D/g, '').slice(-4);
}
