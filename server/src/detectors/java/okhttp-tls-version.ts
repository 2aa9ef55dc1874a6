import type { Node } from 'web-tree-sitter';
import {
  importsOf,
  invocation,
  removeListElementEdits,
  simpleTypeName,
  stringValue,
} from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { protocolConstant } from '../../engine/jsse';
import { SINCE_SSL3, legacyLabels } from '../../engine/protocols';
import type { Fix, SourceFile } from '../../engine/types';

/** The label of each legacy version by the string `tlsVersions` takes (`TLSv1.1` -> `TLS 1.1`). */
const LEGACY = legacyLabels((v) => v.dotted, 'label', SINCE_SSL3);

/** The legacy version a `tlsVersions` argument names: a `TlsVersion` constant or its string. */
function legacyOf(file: SourceFile, arg: Node): string | undefined {
  // `TLS_1_1` after `import static okhttp3.TlsVersion.TLS_1_1` (or `.*`) names the constant too.
  const staticImport =
    arg.type === 'identifier' &&
    (importsOf(file).names.get(arg.text) === `okhttp3.TlsVersion.${arg.text}` ||
      importsOf(file).wildcards.includes('okhttp3.TlsVersion'));
  const name =
    arg.type === 'field_access' && simpleTypeName(arg.childForFieldName('object')) === 'TlsVersion'
      ? protocolConstant('TlsVersion', arg.childForFieldName('field')?.text ?? '')
      : staticImport
        ? protocolConstant('TlsVersion', arg.text)
        : stringValue(file, arg);
  return name === undefined ? undefined : LEGACY[name];
}

type State = { kind: 'arg'; args: Node[]; index: number; keep: number } | { kind: 'compatible' };

export const detector = defineDetector<State>({
  id: 'java.okhttp-tls-version',
  summary: 'OkHttp.',
  docs: `
    OkHttp: a ConnectionSpec that allows legacy versions, \`tlsVersions(TlsVersion.TLS_1_0, ...)\`
    (or the string forms "TLSv1"), and \`ConnectionSpec.COMPATIBLE_TLS\`, the fallback spec for
    obsolete platforms (TLS 1.0 and up, with legacy cipher suites).
  `,
  rule: 'legacy-protocol',
  languages: ['java'],
  apis: ['okhttp3.ConnectionSpec.Builder.tlsVersions', 'okhttp3.TlsVersion', 'okhttp3.ConnectionSpec.COMPATIBLE_TLS'],
  tokens: ['tlsVersions', 'COMPATIBLE_TLS'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if (name !== 'tlsVersions') continue;
      const legacy = args.map((a) => legacyOf(file, a));
      const keep = legacy.filter(
        (l, i) => !l && (args[i].type === 'field_access' || args[i].type === 'string_literal'),
      ).length;
      legacy.forEach((l, index) => {
        if (l)
          report({
            node: args[index],
            message: `\`ConnectionSpec.Builder.tlsVersions\` allows ${l}, a legacy protocol: TLS 1.2 is the minimum.`,
            state: { kind: 'arg', args, index, keep },
          });
      });
    }
    for (const fa of file.nodes('field_access')) {
      if (
        fa.childForFieldName('field')?.text !== 'COMPATIBLE_TLS' ||
        simpleTypeName(fa.childForFieldName('object')) !== 'ConnectionSpec'
      )
        continue;
      // `ConnectionSpec.COMPATIBLE_TLS.cipherSuites()` reads the spec; it configures nothing.
      const parent = fa.parent;
      if (
        (parent?.type === 'field_access' || parent?.type === 'method_invocation') &&
        parent.childForFieldName('object')?.id === fa.id
      )
        continue;
      report({
        node: fa,
        message: '`ConnectionSpec.COMPATIBLE_TLS` allows TLS 1.0 and 1.1 with legacy cipher suites.',
        state: { kind: 'compatible' },
      });
    }
  },
  fix(file, r): Fix | undefined {
    const s = r.state;
    if (s.kind !== 'arg') return undefined;
    if (s.keep > 0)
      return {
        title: 'Remove the legacy version',
        safety: 'safe',
        edits: removeListElementEdits(file.text, s.args, s.index),
      };
    const a = s.args[s.index];
    const newText =
      a.type === 'string_literal'
        ? '"TLSv1.2"'
        : a.type === 'field_access'
          ? `${a.childForFieldName('object')!.text}.TLS_1_2`
          : undefined;
    if (!newText) return undefined;
    return {
      title: 'Allow TLS 1.2 instead',
      safety: 'safe',
      edits: [{ start: a.startIndex, end: a.endIndex, newText }],
    };
  },
  examples: {
    java: {
      bad: `
        import okhttp3.ConnectionSpec;
        import okhttp3.TlsVersion;

        class C {
          ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS).tlsVersions(TlsVersion.TLS_1_0).build();
        }
      `,
      good: `
        import okhttp3.ConnectionSpec;
        import okhttp3.TlsVersion;

        class C {
          ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.MODERN_TLS).tlsVersions(TlsVersion.TLS_1_3, TlsVersion.TLS_1_2).build();
        }
      `,
    },
  },
});
