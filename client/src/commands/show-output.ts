/** @fileoverview "TLS Lint: Show Output": reveals the extension's output channel (also the status bar's click). */
import type { ClientContext } from '../context';

export function showOutput(ctx: ClientContext) {
  return (): void => ctx.output.show(true);
}
