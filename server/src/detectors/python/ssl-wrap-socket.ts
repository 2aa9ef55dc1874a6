import type { Node } from 'web-tree-sitter';
import { byPosition } from '../../engine/node-index';
import {
  addImportEdit,
  callArgs,
  callsNamed,
  dottedText,
  enclosingStatement,
  indentAt,
  inRange,
  kwValue,
  methodCallsOn,
  nameOf,
  nodesAround,
  pythonModel,
  rangeOf,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix, SourceFile, TextEdit } from '../../engine/types';

/** Python 2's module-level wrappers, gone with it. */
const LEGACY_WRAPPERS = ['ssl.sslwrap_simple', 'socket.ssl'];

/** ssl.wrap_socket's parameters, in positional order. */
const PARAMS = [
  'sock',
  'keyfile',
  'certfile',
  'server_side',
  'cert_reqs',
  'ssl_version',
  'ca_certs',
  'do_handshake_on_connect',
  'suppress_ragged_eofs',
  'ciphers',
];

function argMap(call: Node): Map<string, Node> | undefined {
  const { positional, keywords, hasSplat } = callArgs(call);
  if (hasSplat || positional.length > PARAMS.length) return undefined;
  const out = new Map<string, Node>();
  positional.forEach((p, i) => out.set(PARAMS[i], p));
  for (const [k, kw] of keywords) {
    const v = kwValue(kw);
    if (!PARAMS.includes(k) || !v) return undefined;
    out.set(k, v);
  }
  return out;
}

function isNone(file: SourceFile, n: Node | undefined): boolean {
  return !n || valueOf(file, n)?.type === 'none';
}

function firstOfTuple(file: SourceFile, node: Node | undefined): string | undefined {
  const addr = valueOf(file, node, 'scoped');
  const host = addr?.type === 'tuple' ? addr.namedChildren.filter((c) => c && c.type !== 'comment')[0] : undefined;
  return host?.text;
}

/**
 * The host the socket connects to: `socket.create_connection((host, port))` it was made by, or a
 * `sock.connect((host, port))` in its scope.
 */
function hostOf(file: SourceFile, sock: Node): string | undefined {
  const v = valueOf(file, sock, 'scoped');
  if (v?.type === 'call' && nameOf(file, v.childForFieldName('function'), 'ssl') === 'socket.create_connection') {
    return firstOfTuple(file, callArgs(v).positional[0]);
  }
  const key = dottedText(sock);
  if (!key) return undefined;
  const scope = rangeOf(pythonModel(file).scopeOf(sock, key));
  for (const { method, call: c } of methodCallsOn(file, key)) {
    if (method !== 'connect' || !inRange(scope, c) || c.startIndex > sock.startIndex) continue;
    const host = firstOfTuple(file, callArgs(c).positional[0]);
    if (host) return host;
  }
  return undefined;
}

function freshName(text: string): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? 'ssl_context' : `ssl_context_${i}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

export const detector = defineDetector<{ call: Node } | undefined>({
  id: 'python.ssl-wrap-socket',
  summary: 'The module-level `ssl.wrap_socket()` (deprecated since 3.7, removed in 3.12).',
  docs: `
    The module-level \`ssl.wrap_socket()\` (deprecated since 3.7, removed in 3.12): no host name check and,
    by default, no certificate verification. Not \`SSLContext.wrap_socket\`, the recommended API.
  `,
  rule: 'deprecated-api',
  languages: ['python'],
  apis: ['ssl.wrap_socket', 'ssl.sslwrap_simple', 'socket.ssl'],
  tokens: ['wrap_socket', 'sslwrap_simple', 'socket.ssl('],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Python 2's `socket.ssl(...)`: written `<module>.ssl(`, or `ssl(` after `from socket import ssl`.
    const socketSsl = nodesAround(
      file,
      ['.ssl(', ...(/from\s+socket\s+import/.test(file.text) ? ['ssl'] : [])],
      ['call'],
    );
    const calls = [
      ...new Map([...callsNamed(file, ['wrap_socket', 'sslwrap_simple']), ...socketSsl].map((c) => [c.id, c])).values(),
    ].sort(byPosition);
    for (const call of calls) {
      const fn = call.childForFieldName('function');
      const name = fn ? nameOf(file, fn, 'ssl') : undefined;
      if (fn && name && LEGACY_WRAPPERS.includes(name)) {
        // Python 2's wrappers: no verification at all, removed with Python 2.
        report({
          node: fn,
          message: `\`${name}\` is a removed Python 2 API that verifies no certificate: use \`ssl.create_default_context().wrap_socket(...)\`.`,
        });
        continue;
      }
      if (fn && name === 'ssl.wrap_socket') {
        report({
          node: fn,
          message:
            '`ssl.wrap_socket` is deprecated (removed in Python 3.12): it checks no host name and by default verifies no certificate.',
          state: { call },
        });
      }
    }
  },
  fix(file, r): Fix | undefined {
    if (!r.state) return undefined;
    const call = r.state.call;
    const args = argMap(call);
    const sock = args?.get('sock');
    if (!args || !sock) return undefined;
    const edits: TextEdit[] = [];
    let mod = pythonModel(file).moduleAlias('ssl');
    if (!mod) {
      mod = 'ssl';
      edits.push(addImportEdit(file, 'ssl'));
    }
    const text = (k: string) => args.get(k)!.text;
    const has = (k: string) => !isNone(file, args.get(k));
    const server = valueOf(file, args.get('server_side'))?.type === 'true';
    if (args.has('server_side') && !server && valueOf(file, args.get('server_side'))?.type !== 'false')
      return undefined;

    const setup: string[] = [];
    let ctor: string;
    if (server) {
      ctor = `${mod}.SSLContext(${mod}.PROTOCOL_TLS_SERVER)`;
      if (has('ca_certs')) setup.push(`.load_verify_locations(${text('ca_certs')})`);
      const reqs = args.get('cert_reqs');
      if (reqs && nameOf(file, reqs, 'ssl') !== 'ssl.CERT_NONE') setup.push(` .verify_mode = ${reqs.text}`);
    } else {
      ctor = `${mod}.create_default_context(${has('ca_certs') ? `cafile=${text('ca_certs')}` : ''})`;
    }
    if (has('certfile'))
      setup.push(`.load_cert_chain(${text('certfile')}${has('keyfile') ? `, ${text('keyfile')}` : ''})`);
    if (has('ciphers')) setup.push(`.set_ciphers(${text('ciphers')})`);

    const host = server ? undefined : hostOf(file, sock);
    const wrapArgs = [sock.text, server ? 'server_side=True' : `server_hostname=${host ?? '...'}`];
    for (const k of ['do_handshake_on_connect', 'suppress_ragged_eofs'])
      if (args.has(k)) wrapArgs.push(`${k}=${text(k)}`);

    if (setup.length === 0) {
      edits.push({
        start: call.startIndex,
        end: call.endIndex,
        newText: `${ctor}.wrap_socket(${wrapArgs.join(', ')})`,
      });
    } else {
      const stmt = enclosingStatement(call);
      if (!stmt) return undefined;
      const indent = indentAt(file.text, stmt.startIndex);
      const name = freshName(file.text);
      const lines = [
        `${name} = ${ctor}`,
        ...setup.map((s) => (s.startsWith(' ') ? `${name}${s.slice(1)}` : `${name}${s}`)),
      ];
      edits.push({
        start: stmt.startIndex,
        end: stmt.startIndex,
        newText: lines.map((l) => `${l}\n${indent}`).join(''),
      });
      edits.push({
        start: call.startIndex,
        end: call.endIndex,
        newText: `${name}.wrap_socket(${wrapArgs.join(', ')})`,
      });
    }
    return {
      title: server
        ? 'Use `ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).wrap_socket(..., server_side=True)`'
        : host
          ? 'Use `ssl.create_default_context().wrap_socket(..., server_hostname=...)` (verifies the certificate and host name)'
          : 'Use `ssl.create_default_context().wrap_socket(..., server_hostname=...)` (verifies the certificate; fill in the host name)',
      safety: 'unsafe',
      edits,
    };
  },
  examples: {
    python: {
      bad: `
        import socket, ssl
        sock = socket.create_connection(("example.com", 443))
        tls = ssl.wrap_socket(sock)
      `,
      good: `
        import socket, ssl
        sock = socket.create_connection(("example.com", 443))
        tls = ssl.create_default_context().wrap_socket(sock, server_hostname="example.com")
      `,
    },
  },
});
