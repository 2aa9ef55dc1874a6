import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  callsNamed,
  flowOrigin,
  isNamedNotConfigured,
  nameOf,
  nodesAround,
  pinnedByFingerprint,
  pythonModel,
  stringValue,
  valueOf,
  valuesReaching,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { byPosition } from '../../engine/node-index';
import type { SourceFile } from '../../engine/types';
import { URLLIB3_POOL_DOC_APIS, pinsFingerprint, urllib3PoolCall } from './support/urllib3';

/** Positional index of `cert_reqs` where callers pass it positionally. */
const POSITIONAL: Record<string, number> = {
  'urllib3.util.create_urllib3_context': 1,
  'urllib3.util.ssl_.create_urllib3_context': 1,
  'urllib3.util.ssl_wrap_socket': 3,
  'urllib3.util.ssl_.ssl_wrap_socket': 3,
};

/** 'NONE' or 'OPTIONAL' when a cert_reqs value asks for no (or optional) verification. */
function weakness(file: SourceFile, value: Node): 'NONE' | 'OPTIONAL' | undefined {
  const s = stringValue(file, value);
  if (s !== undefined) {
    const m = /^(?:CERT_)?(NONE|OPTIONAL)$/.exec(s.trim());
    return m ? (m[1] as 'NONE' | 'OPTIONAL') : undefined;
  }
  const c = valueOf(file, value);
  if (c?.type === 'integer') return c.text === '0' ? 'NONE' : c.text === '1' ? 'OPTIONAL' : undefined;
  const q = nameOf(file, value) ?? (c && (c.type === 'attribute' || c.type === 'identifier') ? c.text : undefined);
  const m = q ? /(?:^|\.)CERT_(NONE|OPTIONAL)$/.exec(q) : null;
  return m ? (m[1] as 'NONE' | 'OPTIONAL') : undefined;
}

interface State {
  value: Node;
  /** The value came from elsewhere (an assignment, a default, a conditional's branch): the fix needs review. */
  flowed?: boolean;
}

/**
 * The calls that can give `cert_reqs`: those around the word (a keyword) and those whose callee may be
 * one of the APIs that take it positionally (`callsNamed`, a superset of the calls whose callee
 * `nameOf(..., 'reaching')` resolves to them), in document order: a walk over every call of a large file
 * cost more than the rest of a lint.
 */
function candidateCalls(file: SourceFile): Node[] {
  const byId = new Map<number, Node>();
  for (const c of nodesAround(file, ['cert_reqs'], ['call'])) byId.set(c.id, c);
  const members = [...new Set(Object.keys(POSITIONAL).map((api) => api.slice(api.lastIndexOf('.') + 1)))];
  for (const c of callsNamed(file, members)) byId.set(c.id, c);
  return [...byId.values()].sort(byPosition);
}

export const detector = defineDetector<State>({
  id: 'python.urllib3-cert-reqs',
  summary:
    "urllib3 pools, managers and contexts built with `cert_reqs` set to CERT_NONE (or CERT_OPTIONAL), directly or through requests' vendored copy and HTTPAdapter subclasses.",
  docs: `
    urllib3 pools, managers and contexts built with \`cert_reqs\` set to CERT_NONE (or CERT_OPTIONAL),
    directly or through requests' vendored copy and HTTPAdapter subclasses.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: [...URLLIB3_POOL_DOC_APIS, 'urllib3.util.ssl_.create_urllib3_context'],
  tokens: ['cert_reqs'],
  fixAvailability: 'always',
  // `cert_reqs=ssl.CERT_NONE` is also python.ssl-verify-mode's; this detector knows urllib3's API (safe fix).
  priority: 1,
  detect(file, report) {
    const reported = new Set<number>();
    /** Reports the weak values reaching `value` (a sink's value): at `node` when it is there, else where it comes from. */
    const check = (node: Node, value: Node, shown: string, noneOnly: boolean) => {
      // A value that is weak as written (or through a single assignment) is reported at the sink, where
      // the user reads the call; one that travels (a branch's assignment, a default, a conditional) where
      // it is written, since that is the line to change.
      const direct = weakness(file, value);
      const leaves = direct ? [value] : valuesReaching(file, value);
      for (const leaf of leaves) {
        const weak = weakness(file, leaf);
        if (!weak || (noneOnly && weak !== 'NONE')) continue;
        const here = leaf.startIndex >= node.startIndex && leaf.endIndex <= node.endIndex;
        const at = here ? node : flowOrigin(leaf);
        if (reported.has(at.id) || isNamedNotConfigured(leaf, file) || pinnedByFingerprint(at)) continue;
        reported.add(at.id);
        const given = noneOnly ? `\`${shown}\` is set to` : `\`${shown}\` is given \`cert_reqs\``;
        const message =
          weak === 'NONE'
            ? `${given} CERT_NONE: the server's certificate is not verified.`
            : `${given} CERT_OPTIONAL: verification is not required; use CERT_REQUIRED.`;
        report({ node: at, message, state: { value: leaf, flowed: leaf.id !== value.id } });
      }
    };
    for (const call of candidateCalls(file)) {
      const args = callArgs(call);
      if (!args.keywords.has('cert_reqs') && args.positional.length < 2) continue;
      const api = urllib3PoolCall(file, call);
      if (!api || pinsFingerprint(file, call)) continue;
      const kw = args.keywords.get('cert_reqs');
      const pos = POSITIONAL[api];
      const node = kw ?? (pos !== undefined ? args.positional[pos] : undefined);
      const value = kw ? kw.childForFieldName('value') : node;
      if (!node || !value) continue;
      check(node, value, api, false);
    }
    // Pool keywords built up before the call: `pool_kwargs["cert_reqs"] = v`, `conn.cert_reqs = v` (urllib3's
    // own attribute), reported for CERT_NONE only (CERT_OPTIONAL there is often a server's client-certificate mode).
    for (const asg of nodesAround(file, ['cert_reqs'], ['assignment'])) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (!left || !right) continue;
      let shown: string | undefined;
      if (left.type === 'attribute' && left.childForFieldName('attribute')?.text === 'cert_reqs') shown = left.text;
      else if (left.type === 'subscript') {
        const index = left.childForFieldName('subscript');
        if (index && stringValue(file, index) === 'cert_reqs') shown = left.text;
      }
      if (shown) check(asg, right, shown.length > 60 ? shown.slice(0, 60) : shown, true);
    }
  },
  fix(file, r) {
    const { value, flowed } = r.state;
    const safety = flowed ? 'unsafe' : 'safe';
    let newText: string;
    if (value.type === 'attribute' && /^CERT_(NONE|OPTIONAL)$/.test(value.childForFieldName('attribute')?.text ?? '')) {
      const attr = value.childForFieldName('attribute')!;
      return {
        title: 'Require a verified certificate (`CERT_REQUIRED`)',
        safety,
        edits: [{ start: attr.startIndex, end: attr.endIndex, newText: 'CERT_REQUIRED' }],
      };
    } else if (value.type === 'string') {
      const quote = value.text.replace(/^[rRuU]*/, '').charAt(0) || "'";
      newText = `${quote}CERT_REQUIRED${quote}`;
    } else {
      newText = pythonModel(file).spellingOf('ssl.CERT_REQUIRED') ?? "'CERT_REQUIRED'";
    }
    return {
      title: 'Require a verified certificate (`CERT_REQUIRED`)',
      safety,
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    python: {
      bad: `
        import urllib3
        http = urllib3.PoolManager(cert_reqs='CERT_NONE')
      `,
      good: `
        import urllib3
        http = urllib3.PoolManager(cert_reqs='CERT_REQUIRED')
      `,
    },
  },
});
