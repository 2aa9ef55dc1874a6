/** Today, for end-of-life checks: the host's clock (the engine does no I/O, but reading the date is not I/O). */
export function today(): Date {
  return new Date();
}
