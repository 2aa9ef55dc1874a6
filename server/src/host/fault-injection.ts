// Fault injection for resilience tests of the real server and CLI (no mocks): with
// TLSLINT_FAULT_INJECT=detector-throw:<detector id or *>:<path substring>, that detector throws on every
// file whose lint path contains the substring. Off unless the variable is set; nothing else reads it.
import { DETECTORS } from '../engine/registry';

export const FAULT_INJECT_ENV = 'TLSLINT_FAULT_INJECT';

/** The message of an injected fault. */
export const INJECTED_FAULT = 'injected fault (TLSLINT_FAULT_INJECT)';

let installed = false;

/**
 * Reads TLSLINT_FAULT_INJECT and wraps the matching detectors; returns a description of what was
 * installed (for the log), or undefined when the variable is unset or malformed.
 */
export function installFaultInjection(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const spec = env[FAULT_INJECT_ENV];
  if (!spec || installed) return undefined;
  const m = /^detector-throw:([^:]+):(.+)$/.exec(spec);
  if (!m) return undefined;
  const [, id, needle] = m;
  const targets = DETECTORS.filter((d) => id === '*' || d.id === id);
  for (const d of targets) {
    const detect = d.detect.bind(d);
    // The registry's detector objects are shared; the wrap lives as long as the process.
    (d as { detect: typeof d.detect }).detect = (file, report) => {
      if (file.path.includes(needle)) throw new Error(INJECTED_FAULT);
      detect(file, report);
    };
  }
  installed = true;
  return `fault injection: ${targets.length} detector(s) throw on paths containing ${JSON.stringify(needle)}`;
}
