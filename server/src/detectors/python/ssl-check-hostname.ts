import type { Node } from 'web-tree-sitter';
import {
  assignmentsTo,
  callArgs,
  callsNamed,
  dottedText,
  inRange,
  isFalse,
  methodCallsOn,
  nameOf,
  nodesAround,
  occurrences,
  pythonModel,
  rangeOf,
  sslContextHasTrustStore,
  stringValue,
  swapSslConstantEdit,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { noteTextRead } from '../../engine/reads';
import { intentOf } from '../../engine/intent';
import type { Fix, SourceFile } from '../../engine/types';
import { maybeClientContext } from './support/client-context';

interface State {
  /** The `False` to turn into `True`; absent for a `match_hostname` override (no fix). */
  value?: Node;
  /** The object whose attribute is set (`ctx`), for the fix's safety. */
  target?: Node;
}

/** `<target>.wrap_socket(...)`/`wrap_bio(...)` calls without `server_hostname` (they fail once check_hostname is on). */
function wrapsWithoutHostname(file: SourceFile, target: Node, key: string): boolean {
  const scope = rangeOf(pythonModel(file).scopeOf(target, key));
  return methodCallsOn(file, key).some(({ method: m, call: c }) => {
    if ((m !== 'wrap_socket' && m !== 'wrap_bio') || !inRange(scope, c)) return false;
    const { positional, keywords, hasSplat } = callArgs(c);
    if (hasSplat || keywords.has('server_hostname') || keywords.has('server_side')) return false;
    // wrap_socket(sock, server_side, do_handshake..., suppress..., server_hostname); wrap_bio(in, out, server_side, server_hostname).
    return positional.length < (m === 'wrap_socket' ? 5 : 4);
  });
}

/**
 * Whether the function that turns the built-in check off matches host names itself: it calls
 * `match_hostname(cert, hostname)` (ssl's, a backport's or `_match_hostname`), or a function of the file that
 * does, as ldap3 does after the handshake. Then `check_hostname = False` moves the check rather than dropping
 * it. A call elsewhere in the file (a test of `match_hostname` itself) says nothing about this function.
 */
function matchesHostnamesItself(file: SourceFile, node: Node): boolean {
  let fn: Node | null = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  if (!fn) return false;
  const matchers = file.memo('python.ssl-check-hostname.matchers', () => {
    const names = new Set<string>();
    const calls = callsNamed(file, ['match_hostname', '_match_hostname']).filter((c) => {
      const f = c.childForFieldName('function');
      const last = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.text;
      return /^_?match_hostname$/.test(last ?? '') && callArgs(c).positional.length >= 2;
    });
    for (const c of calls) {
      let def: Node | null = c.parent;
      while (def && def.type !== 'function_definition') def = def.parent;
      const name = def?.childForFieldName('name')?.text;
      if (name && !/^test/.test(name)) names.add(name);
    }
    return { calls, names };
  });
  if (matchers.calls.some((c) => c.startIndex >= fn.startIndex && c.endIndex <= fn.endIndex)) return true;
  if (matchers.names.size === 0) return false;
  const own = fn.childForFieldName('name')?.text;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  // A call of such a name in the body (`name(`, not `x.name(`), found from the name's places rather than the
  // body's text: a lint that reads this reads those names, not the whole function (engine/reads).
  const text = file.text;
  const [from, to] = [body.startIndex, body.endIndex];
  return [...matchers.names].some(
    (n) =>
      n !== own &&
      occurrences(file, n).some((i) => {
        if (i < from || i >= to) return false;
        // What is read of the text: the character before the name, and the blanks after it to a parenthesis.
        let j = i + n.length;
        while (j < to && /\s/.test(text[j])) j++;
        noteTextRead(Math.max(from, i - 1), Math.min(to, j + 1));
        return (i === from || !/[\w.]/.test(text[i - 1])) && text[j] === '(' && j < to;
      }),
  );
}

/**
 * Whether a statement sits on an opt-in path (engine/intent: under a condition that names a verification
 * flag, `if assert_hostname is False:` in urllib3): then turning the check off is the caller's choice,
 * reported as an opt-in, whatever the file checks later. A condition about something else
 * (`if use_ssl_context:`, ldap3) is no such choice.
 */
function onOptInPath(file: SourceFile, node: Node): boolean {
  return intentOf(file, node, false)?.kind === 'opt-in';
}

/** Whether `<key>.verify_mode` is given a value other than a verifying constant in the scope (then `check_hostname = True` may raise). */
function verifyModeMayBeNone(file: SourceFile, target: Node, key: string): boolean {
  const scope = rangeOf(pythonModel(file).scopeOf(target, key));
  return assignmentsTo(file, `${key}.verify_mode`).some((asg) => {
    if (!inRange(scope, asg)) return false;
    const right = asg.childForFieldName('right');
    const name = right ? nameOf(file, right, 'ssl') : undefined;
    return name !== 'ssl.CERT_REQUIRED' && name !== 'ssl.CERT_OPTIONAL' && name !== 'ssl.CERT_NONE';
  });
}

export const detector = defineDetector<State>({
  id: 'python.ssl-check-hostname',
  summary: '`ctx.check_hostname = False` on an ssl.SSLContext, and monkey-patching `ssl.match_hostname`.',
  docs: `
    \`ctx.check_hostname = False\` on an ssl.SSLContext, and monkey-patching \`ssl.match_hostname\`. Turned off in a
    function that then matches host names itself (it calls \`match_hostname(cert, hostname)\`,
    or a function of the file that does, as ldap3 does after the handshake), the check is moved rather than
    dropped: not reported. Turned off under a
    condition that names a verification flag (urllib3's \`assert_hostname is False\`), it is still reported, as an
    opt-in. The fix is unsafe when \`verify_mode\` is
    then given a value that may be \`CERT_NONE\` (turning \`check_hostname\` on would make that assignment raise).
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: ['ssl.SSLContext.check_hostname', 'ssl.match_hostname'],
  tokens: ['check_hostname', 'match_hostname'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const asg of nodesAround(file, ['check_hostname', 'match_hostname'], ['assignment'])) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'attribute' || !right) continue;
      const attr = left.childForFieldName('attribute')?.text;
      const obj = left.childForFieldName('object')!;
      if (
        attr === 'check_hostname' &&
        isFalse(file, right) &&
        maybeClientContext(file, obj) &&
        !(!onOptInPath(file, asg) && matchesHostnamesItself(file, asg))
      ) {
        report({
          node: asg,
          message: '`SSLContext.check_hostname` is set to False: the certificate is not matched to the host name.',
          state: { value: right, target: obj },
        });
      } else if (attr === 'match_hostname' && nameOf(file, obj, 'ssl') === 'ssl') {
        report({
          node: asg,
          message: '`ssl.match_hostname` is replaced: host name checks that go through it no longer reject a mismatch.',
          state: {},
        });
      }
    }
    // setattr(ctx, "check_hostname", False)
    for (const call of nodesAround(file, ['check_hostname'], ['call'])) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'identifier' || fn.text !== 'setattr') continue;
      const { positional } = callArgs(call);
      if (
        positional.length === 3 &&
        stringValue(file, positional[1]) === 'check_hostname' &&
        isFalse(file, positional[2]) &&
        maybeClientContext(file, positional[0]) &&
        !(!onOptInPath(file, call) && matchesHostnamesItself(file, call))
      ) {
        report({
          node: call,
          message: '`SSLContext.check_hostname` is set to False: the certificate is not matched to the host name.',
          state: { value: positional[2], target: positional[0] },
        });
      }
    }
  },
  fix(file, r): Fix | undefined {
    const { value, target } = r.state ?? {};
    if (!value || !target) return undefined;
    const key = dottedText(target);
    const edits = [{ start: value.startIndex, end: value.endIndex, newText: 'True' }];
    // `check_hostname = True` then `verify_mode = CERT_NONE` raises ValueError: the pair is fixed together.
    let pair = false;
    if (key) {
      const scope = rangeOf(pythonModel(file).scopeOf(target, key));
      for (const asg of assignmentsTo(file, `${key}.verify_mode`)) {
        if (!inRange(scope, asg)) continue;
        const right = asg.childForFieldName('right');
        if (right && nameOf(file, right, 'ssl') === 'ssl.CERT_NONE') {
          edits.push(swapSslConstantEdit(file, right, 'CERT_REQUIRED'));
          pair = true;
        }
      }
    }
    // A verify_mode given a caller's value afterwards (`ctx.verify_mode = self.validate`) may be CERT_NONE.
    const safe =
      sslContextHasTrustStore(file, target) &&
      !!key &&
      !wrapsWithoutHostname(file, target, key) &&
      !verifyModeMayBeNone(file, target, key);
    return {
      title: pair
        ? 'Check host names and verify certificates (`check_hostname = True`, `CERT_REQUIRED`)'
        : 'Check host names (`check_hostname = True`)',
      safety: safe ? 'safe' : 'unsafe',
      edits,
    };
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.check_hostname = True
      `,
    },
  },
});
