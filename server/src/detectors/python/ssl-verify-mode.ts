import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  flowOrigin,
  isNamedNotConfigured,
  kwValue,
  nameOf,
  nodesAround,
  sslContextCall,
  sslContextHasTrustStore,
  stringValue,
  swapSslConstantEdit,
  valueOf,
  valuesReaching,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';
import { maybeClientContext } from './support/client-context';

interface State {
  value: Node;
  safe: boolean;
}

/**
 * Option names that take an ssl verify mode: ssl.wrap_socket, urllib3, paho-mqtt `tls_set` and websocket-client
 * `cert_reqs`, redis-py and pymongo `ssl_cert_reqs`, `verify_mode` options (ldap3's `validate=` is
 * python.clients-verify-disabled's).
 */
const CERT_REQS_KEYS = ['cert_reqs', 'ssl_cert_reqs', 'verify_mode'];
/** Servers whose option is about client certificates: CERT_NONE there is the normal default. */
const SERVER_APIS = [
  'uvicorn.run',
  'uvicorn.Config',
  'hypercorn.config.Config',
  'asyncio.start_server',
  'aiohttp.web.run_app',
];
/** Calls reported whole by `python.ssl-unverified-context`. */
const UNVERIFIED_FACTORIES = ['ssl._create_unverified_context', 'ssl._create_stdlib_context'];

function isCertNone(file: SourceFile, node: Node | null | undefined): boolean {
  return nameOf(file, node, 'ssl') === 'ssl.CERT_NONE' || nameOf(file, valueOf(file, node), 'ssl') === 'ssl.CERT_NONE';
}

/** Whether the dictionary holding `pair` also pins the certificate (`"assert_fingerprint": fp`, not None). */
function pinnedDict(file: SourceFile, pair: Node): boolean {
  return (pair.parent?.namedChildren ?? []).some((p) => {
    if (p?.type !== 'pair' || stringValue(file, p.childForFieldName('key')) !== 'assert_fingerprint') return false;
    const v = p.childForFieldName('value');
    return !!v && valueOf(file, v)?.type !== 'none';
  });
}

export const detector = defineDetector<State>({
  id: 'python.ssl-verify-mode',
  summary: '`ctx.verify_mode = ssl.CERT_NONE` on a client context, and `cert_reqs=ssl.CERT_NONE` options.',
  docs: `
    \`ctx.verify_mode = ssl.CERT_NONE\` on a client context, and \`cert_reqs=ssl.CERT_NONE\` options.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['ssl.SSLContext.verify_mode', 'ssl.CERT_NONE', 'ssl.wrap_socket'],
  tokens: ['CERT_NONE', 'verify_mode'],
  fixAvailability: 'always',
  detect(file, report) {
    // Assignments whose target ends in `.verify_mode`: found from the word, not from every assignment.
    for (const asg of nodesAround(file, ['verify_mode'], ['assignment'])) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'verify_mode' || !right) continue;
      const obj = left.childForFieldName('object')!;
      const known = sslContextCall(file, obj);
      // On a known context, `0` and `False` (an int, 0) are CERT_NONE too.
      const raw = known ? valueOf(file, right) : undefined;
      const none = isCertNone(file, right) || (raw?.type === 'integer' && raw.text === '0') || raw?.type === 'false';
      if (!maybeClientContext(file, obj)) continue;
      if (none) {
        report({
          node: asg,
          message: "`SSLContext.verify_mode` is set to `CERT_NONE`: the peer's certificate is not verified.",
          state: { value: right, safe: sslContextHasTrustStore(file, obj) },
        });
        continue;
      }
      // `def wrap(sock, cert_reqs=ssl.CERT_NONE): ... ctx.verify_mode = cert_reqs`: reported where the value is written.
      for (const leaf of valuesReaching(file, right)) {
        if (leaf.id === right.id || !isCertNone(file, leaf) || isNamedNotConfigured(leaf)) continue;
        report({
          node: flowOrigin(leaf),
          message: `\`${leaf.text}\` reaches \`${left.text}\`: the peer's certificate is not verified.`,
          state: { value: leaf, safe: false },
        });
      }
    }
    // Calls that pass one of the keywords (the innermost call around the keyword's name).
    for (const call of nodesAround(file, CERT_REQS_KEYS, ['call'])) {
      const { keywords } = callArgs(call);
      for (const key of CERT_REQS_KEYS) {
        const kw = keywords.get(key);
        const written = kwValue(kw);
        // `cert_reqs=(ssl.CERT_REQUIRED if verify else ssl.CERT_NONE)`: the branch written in the argument.
        const value =
          written && !isCertNone(file, written)
            ? valuesReaching(file, written).find(
                (leaf) =>
                  leaf.startIndex >= written.startIndex && leaf.endIndex <= written.endIndex && isCertNone(file, leaf),
              )
            : written;
        if (!kw || !value || !isCertNone(file, value)) continue;
        // `assert call.tls_set(cert_reqs=ssl.CERT_NONE) in client.mock_calls`: an expected call, not a connection.
        if (isNamedNotConfigured(kw, file)) continue;
        // `PoolManager(cert_reqs=CERT_NONE, assert_fingerprint=fp)`: pinned by fingerprint instead.
        const fp = kwValue(keywords.get('assert_fingerprint'));
        if (fp && valueOf(file, fp)?.type !== 'none') continue;
        const name =
          nameOf(file, call.childForFieldName('function')) ?? nameOf(file, call.childForFieldName('function'), 'ssl');
        if (name && (UNVERIFIED_FACTORIES.includes(name) || SERVER_APIS.includes(name))) continue;
        let safe = false;
        if (name === 'ssl.wrap_socket') {
          const { keywords: kws, positional } = callArgs(call);
          const serverSide = kwValue(kws.get('server_side')) ?? positional[3];
          // A server that does not ask for client certificates is the normal case.
          if (serverSide && valueOf(file, serverSide)?.type === 'true') continue;
          const ca = kwValue(kws.get('ca_certs')) ?? positional[6];
          safe = !!ca && valueOf(file, ca)?.type !== 'none';
        }
        const shown = name ?? (call.childForFieldName('function')?.text ?? 'call').slice(0, 60);
        report({
          node: kw,
          message: `\`${shown}\` is called with \`${key}=CERT_NONE\`: the peer's certificate is not verified.`,
          state: { value, safe },
        });
      }
    }
    // {"cert_reqs": ssl.CERT_NONE} option dictionaries (websocket-client sslopt, Celery broker_use_ssl...),
    // unless the same dictionary pins the certificate (urllib3's `assert_fingerprint`).
    for (const pair of file.nodes('pair')) {
      const key = stringValue(file, pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      if (
        key &&
        CERT_REQS_KEYS.includes(key) &&
        value &&
        isCertNone(file, value) &&
        !pinnedDict(file, pair) &&
        !isNamedNotConfigured(pair, file)
      ) {
        report({
          node: pair,
          message: `\`"${key}": CERT_NONE\` in TLS options: the peer's certificate is not verified.`,
          state: { value, safe: false },
        });
      }
    }
  },
  fix(file, r) {
    const { value, safe } = r.state;
    return {
      title: safe
        ? 'Verify certificates (`CERT_REQUIRED`)'
        : 'Verify certificates (`CERT_REQUIRED`; load CA certificates, e.g. `ssl.create_default_context()`)',
      safety: safe ? 'safe' : 'unsafe',
      edits: [swapSslConstantEdit(file, value, 'CERT_REQUIRED')],
    };
  },
  examples: {
    python: {
      bad: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.verify_mode = ssl.CERT_NONE
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
        ctx.verify_mode = ssl.CERT_REQUIRED
      `,
    },
  },
});
