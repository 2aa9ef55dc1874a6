import type { Node } from 'web-tree-sitter';
import {
  calls,
  listElements,
  named,
  removeArgumentEdits,
  simpleName,
  stringValue,
} from '../../engine/languages/kotlin';
import { defineDetector } from '../../engine/detector';
import type { Fix, SourceFile } from '../../engine/types';
import {
  APACHE_PROTOCOL_SETTERS,
  PROTOCOL_CONSTANTS,
  PROTOCOL_LIST_CONSTRUCTORS,
  PROTOCOL_SETTERS,
  PROTOCOL_SYSTEM_PROPERTIES,
  isJsseLegacy,
  protocolPropertyFix,
  tls12ConstantOf,
} from '../../engine/jsse';

const SETTERS = [...PROTOCOL_SETTERS, ...APACHE_PROTOCOL_SETTERS, 'tlsVersions'];
const PROPERTIES = ['enabledProtocols', 'protocols'];
const SYSTEM_PROPERTIES = PROTOCOL_SYSTEM_PROPERTIES;

type State =
  | { kind: 'element'; elements: Node[]; index: number; keep: number }
  | { kind: 'property'; literal: Node; value: string }
  | { kind: 'none' };

function protocolOf(file: SourceFile, n: Node): string | undefined {
  if (n.type === 'navigation_expression') {
    const kids = named(n);
    const table = PROTOCOL_CONSTANTS[simpleName(kids[0]) ?? ''];
    const name = kids[1]?.text ?? '';
    if (table && name in table) return table[name];
  }
  return stringValue(file, n);
}

const isLegacy = (p: string | undefined): p is string => p !== undefined && isJsseLegacy(p);

export const detector = defineDetector<State>({
  id: 'kotlin.tls-protocols',
  summary: 'JSSE protocol lists in Kotlin.',
  docs: `
    JSSE protocol lists in Kotlin: \`socket.enabledProtocols = arrayOf("TLSv1", ...)\`,
    \`setEnabledProtocols(arrayOf(...))\`, \`SSLParameters.protocols = ...\`, OkHttp
    \`tlsVersions(TlsVersion.TLS_1_0, ...)\` and \`ConnectionSpec.COMPATIBLE_TLS\`, Apache HttpClient's
    protocol lists (\`SSLConnectionSocketFactory(ctx, arrayOf("TLSv1"), ...)\`, \`setTlsVersions(TLS.V_1_1)\`), and the
    \`https.protocols\` / \`jdk.tls.client.protocols\` system properties.
  `,
  rule: 'legacy-protocol',
  languages: ['kotlin'],
  apis: [
    'javax.net.ssl.SSLSocket.enabledProtocols',
    'javax.net.ssl.SSLParameters.protocols',
    'okhttp3.ConnectionSpec.Builder.tlsVersions',
    'okhttp3.ConnectionSpec.COMPATIBLE_TLS',
    'https.protocols',
  ],
  tokens: ['rotocols', 'tlsVersions', 'TlsVersions', 'COMPATIBLE_TLS', ...PROTOCOL_LIST_CONSTRUCTORS],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const lists: { elements: Node[]; api: string }[] = [];
    for (const c of calls(file)) {
      if (SETTERS.includes(c.name) && c.args.length > 0) {
        const elements = c.args.length === 1 ? (listElements(file, c.args[0]) ?? c.args) : c.args;
        lists.push({ elements, api: c.name });
      } else if (PROTOCOL_LIST_CONSTRUCTORS.includes(c.name) && c.args.length >= 4) {
        // `SSLConnectionSocketFactory(sslContext, arrayOf("TLSv1"), null, verifier)`.
        const elements = listElements(file, c.args[1]);
        if (elements) lists.push({ elements, api: c.name });
      } else if (c.name === 'setProperty' && simpleName(c.receiver) === 'System' && c.args.length === 2) {
        const key = stringValue(file, c.args[0]);
        const value = stringValue(file, c.args[1]);
        if (!key || value === undefined || !SYSTEM_PROPERTIES.includes(key)) continue;
        const legacy = value
          .split(',')
          .map((p) => p.trim())
          .filter(isLegacy);
        if (legacy.length === 0) continue;
        report({
          node: c.args[1],
          message: `The \`${key}\` property enables ${legacy.join(', ')}: TLS 1.2 is the minimum.`,
          state:
            c.args[1].type === 'string_literal' ? { kind: 'property', literal: c.args[1], value } : { kind: 'none' },
        });
      }
    }
    for (const a of file.nodes('assignment')) {
      const left = a.childForFieldName('left') ?? named(a)[0];
      const right = a.childForFieldName('right') ?? named(a)[named(a).length - 1];
      if (left?.type !== 'navigation_expression' || !PROPERTIES.includes(simpleName(left) ?? '')) continue;
      const elements = listElements(file, right);
      if (elements) lists.push({ elements, api: simpleName(left)! });
    }
    for (const { elements, api } of lists) {
      const values = elements.map((e) => protocolOf(file, e));
      const keep = values.filter((v) => v !== undefined && !isLegacy(v)).length;
      values.forEach((v, index) => {
        if (isLegacy(v))
          report({
            node: elements[index],
            message: `\`${api}\` enables ${v}, a legacy protocol: TLS 1.2 is the minimum.`,
            state: { kind: 'element', elements, index, keep },
          });
      });
    }
    for (const nav of file.nodes('navigation_expression')) {
      const kids = named(nav);
      if (kids.length !== 2 || simpleName(kids[0]) !== 'ConnectionSpec' || kids[1].text !== 'COMPATIBLE_TLS') continue;
      // `ConnectionSpec.COMPATIBLE_TLS.cipherSuites` reads the spec; it configures nothing.
      if (nav.parent?.type === 'navigation_expression' && named(nav.parent)[0]?.id === nav.id) continue;
      {
        report({
          node: nav,
          message: '`ConnectionSpec.COMPATIBLE_TLS` allows TLS 1.0 and 1.1 with legacy cipher suites.',
          state: { kind: 'none' },
        });
      }
    }
  },
  fix(file, r): Fix | undefined {
    const s = r.state;
    if (s.kind === 'element') {
      const el = s.elements[s.index];
      if (s.keep > 0)
        return {
          title: 'Remove the legacy protocol',
          safety: 'safe',
          edits: removeArgumentEdits(file.text, s.elements, s.index),
        };
      const owner = el.type === 'navigation_expression' ? named(el)[0] : undefined;
      const constant = owner ? tls12ConstantOf(simpleName(owner) ?? '') : undefined;
      const newText =
        el.type === 'string_literal' ? '"TLSv1.2"' : owner && constant ? `${owner.text}.${constant}` : undefined;
      return newText
        ? {
            title: 'Enable TLS 1.2 instead',
            safety: 'safe',
            edits: [{ start: el.startIndex, end: el.endIndex, newText }],
          }
        : undefined;
    }
    if (s.kind === 'property') return protocolPropertyFix(s.literal, s.value);
    return undefined;
  },
  examples: {
    kotlin: {
      bad: `
        import javax.net.ssl.SSLSocket

        fun harden(s: SSLSocket) {
            s.enabledProtocols = arrayOf("TLSv1")
        }
      `,
      good: `
        import javax.net.ssl.SSLSocket

        fun harden(s: SSLSocket) {
            s.enabledProtocols = arrayOf("TLSv1.3", "TLSv1.2")
        }
      `,
    },
  },
});
