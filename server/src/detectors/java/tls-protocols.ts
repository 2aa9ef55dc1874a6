import type { Node } from 'web-tree-sitter';
import {
  arrayElements,
  invocation,
  removeListElementEdits,
  simpleTypeName,
  stringValue,
} from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { SINCE_SSL3 } from '../../engine/protocols';
import type { Fix } from '../../engine/types';
import { PROTOCOL_SETTERS, PROTOCOL_SYSTEM_PROPERTIES, isJsseLegacy } from '../../engine/jsse';

const SETTERS = PROTOCOL_SETTERS;
const PROPERTIES = PROTOCOL_SYSTEM_PROPERTIES;
const MUST_DISABLE = SINCE_SSL3.filter((v) => v.legacy).map((v) => v.dotted);

type State =
  | { kind: 'element'; elements: Node[]; index: number; keep: number }
  | { kind: 'property'; literal: Node; value: string }
  | { kind: 'disabled' };

const isLegacy = isJsseLegacy;

export const detector = defineDetector<State>({
  id: 'java.tls-protocols',
  summary: 'JSSE protocol lists that enable legacy versions.',
  docs: `
    JSSE protocol lists that enable legacy versions: \`setEnabledProtocols(...)\` on SSLSocket,
    SSLServerSocket and SSLEngine, \`SSLParameters.setProtocols(...)\`, the \`https.protocols\` and
    \`jdk.tls.client.protocols\`/\`jdk.tls.server.protocols\` system properties, and a
    \`jdk.tls.disabledAlgorithms\` security property that no longer disables SSLv3/TLS 1.0/TLS 1.1.
  `,
  rule: 'legacy-protocol',
  languages: ['java'],
  apis: [
    'javax.net.ssl.SSLSocket.setEnabledProtocols',
    'javax.net.ssl.SSLEngine.setEnabledProtocols',
    'javax.net.ssl.SSLParameters.setProtocols',
    'https.protocols',
    'jdk.tls.client.protocols',
    'jdk.tls.disabledAlgorithms',
  ],
  tokens: ['setEnabledProtocols', 'setProtocols', '.protocols', 'jdk.tls.disabledAlgorithms'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, object, args } = invocation(call);
      if (SETTERS.includes(name) && args.length >= 1) {
        const elements = args.length === 1 ? arrayElements(file, args[0]) : args;
        if (!elements) continue;
        const values = elements.map((e) => stringValue(file, e));
        const keep = values.filter((v) => v !== undefined && !isLegacy(v)).length;
        if (args.length === 1 && args[0].type === 'identifier') {
          // An array held in a variable: report the argument, where the legacy list reaches the API.
          const legacy = values.filter((v): v is string => v !== undefined && isLegacy(v));
          if (legacy.length > 0)
            report({
              node: args[0],
              message: `\`${name}\` enables ${legacy.join(', ')}, legacy protocols: TLS 1.2 is the minimum.`,
              state: { kind: 'disabled' },
            });
          continue;
        }
        values.forEach((v, index) => {
          if (v === undefined || !isLegacy(v)) return;
          report({
            node: elements[index],
            message: `\`${name}\` enables ${v}, a legacy protocol: TLS 1.2 is the minimum.`,
            state: { kind: 'element', elements, index, keep },
          });
        });
      } else if (name === 'setProperty' && args.length === 2) {
        const owner = simpleTypeName(call.childForFieldName('object')) ?? object;
        const key = stringValue(file, args[0]);
        const value = stringValue(file, args[1]);
        if (key === undefined || value === undefined) continue;
        if (owner === 'System' && PROPERTIES.includes(key)) {
          const legacy = value
            .split(',')
            .map((p) => p.trim())
            .filter(isLegacy);
          if (legacy.length === 0) continue;
          report({
            node: args[1],
            message: `The \`${key}\` property enables ${legacy.join(', ')}: TLS 1.2 is the minimum.`,
            state:
              args[1].type === 'string_literal' ? { kind: 'property', literal: args[1], value } : { kind: 'disabled' },
          });
        } else if (owner === 'Security' && key === 'jdk.tls.disabledAlgorithms') {
          const listed = value.split(',').map((p) => p.trim());
          const missing = MUST_DISABLE.filter((p) => !listed.includes(p));
          if (missing.length === 0) continue;
          report({
            node: args[1],
            message: `\`jdk.tls.disabledAlgorithms\` no longer disables ${missing.join(', ')}: legacy protocols are re-enabled.`,
            state: { kind: 'disabled' },
          });
        }
      }
    }
  },
  fix(file, r): Fix | undefined {
    const s = r.state;
    if (s.kind === 'element') {
      const el = s.elements[s.index];
      if (s.keep > 0) {
        return {
          title: 'Remove the legacy protocol',
          safety: 'safe',
          edits: removeListElementEdits(file.text, s.elements, s.index),
        };
      }
      if (el.type !== 'string_literal') return undefined;
      return {
        title: 'Enable TLS 1.2 instead',
        safety: 'safe',
        edits: [{ start: el.startIndex, end: el.endIndex, newText: '"TLSv1.2"' }],
      };
    }
    if (s.kind === 'property') {
      const kept = s.value
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p && !isLegacy(p));
      const value = kept.length > 0 ? kept.join(',') : 'TLSv1.3,TLSv1.2';
      return {
        title: `Enable only TLS 1.2 and up (\`"${value}"\`)`,
        safety: 'safe',
        edits: [{ start: s.literal.startIndex, end: s.literal.endIndex, newText: `"${value}"` }],
      };
    }
    return undefined;
  },
  examples: {
    java: {
      bad: `
        import javax.net.ssl.SSLSocket;

        class C {
          void f(SSLSocket s) {
            s.setEnabledProtocols(new String[] {"TLSv1"});
          }
        }
      `,
      good: `
        import javax.net.ssl.SSLSocket;

        class C {
          void f(SSLSocket s) {
            s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
          }
        }
      `,
    },
  },
});
