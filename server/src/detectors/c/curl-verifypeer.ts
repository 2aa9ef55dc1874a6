import type { Node } from 'web-tree-sitter';
import { intValue, lastName, valueText } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { VERIFY_PEER_OPTIONS, curlopt } from '../../engine/curl';
import { branches, curlOptionSets, selectingCondition } from './support/options';

const OPTIONS = curlopt(VERIFY_PEER_OPTIONS);
const WRAPPERS = ['SslVerifyPeer', 'ProxySslVerifyPeer', 'VerifySsl'];

/** The value node of a wrapper object: `SslVerifyPeer(false)`, `new SslVerifyPeer(false)`, `cpr::VerifySsl{false}`. */
function wrapperValue(node: Node): { name: string; value: Node } | undefined {
  let typeNode: Node | null = null;
  let list: Node | null = null;
  if (node.type === 'call_expression') {
    typeNode = node.childForFieldName('function');
    list = node.childForFieldName('arguments');
  } else if (node.type === 'new_expression' || node.type === 'compound_literal_expression') {
    typeNode = node.childForFieldName('type');
    list = node.childForFieldName('arguments') ?? node.childForFieldName('value');
  }
  if (
    !typeNode ||
    !list ||
    (typeNode.type !== 'identifier' && typeNode.type !== 'qualified_identifier' && typeNode.type !== 'type_identifier')
  )
    return undefined;
  const name = lastName(typeNode);
  if (!WRAPPERS.includes(name)) return undefined;
  const values = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  return values.length === 1 ? { name, value: values[0] } : undefined;
}

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'c.curl-verifypeer',
  summary: 'libcurl peer verification turned off.',
  docs: `
    libcurl peer verification turned off: \`curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L)\` (and the
    proxy and DoH variants, set directly, through a wrapper such as \`my_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 0)\`,
    or as a branch of a ternary), and the same option through curlpp (\`SslVerifyPeer(false)\`) and cpr (\`VerifySsl{false}\`).
  `,
  rule: 'cert-verification-disabled',
  languages: ['c', 'cpp'],
  apis: [
    'curl_easy_setopt(CURLOPT_SSL_VERIFYPEER)',
    'CURLOPT_PROXY_SSL_VERIFYPEER',
    'curlpp::options::SslVerifyPeer',
    'cpr::VerifySsl',
  ],
  tokens: ['VERIFYPEER', 'SslVerifyPeer', 'VerifySsl'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { option, value } of curlOptionSets(file, OPTIONS)) {
      for (const v of branches(value)) {
        if (intValue(valueText(file, v)) !== 0) continue;
        report({
          node: v,
          message: `\`${option}\` is set to 0: libcurl does not verify the server's certificate.`,
          flag: selectingCondition(v),
          state: { value: v, text: '1L' },
        });
      }
    }
    if (file.language !== 'cpp') return;
    for (const node of file.nodes('call_expression', 'new_expression', 'compound_literal_expression')) {
      const w = wrapperValue(node);
      if (w && intValue(valueText(file, w.value)) === 0) {
        report({
          node: w.value,
          message: `\`${w.name}\` is given false: the server's certificate is not verified.`,
          state: { value: w.value, text: 'true' },
        });
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: `Verify the server's certificate (\`${s.text}\`)`,
      safety: 'safe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
    };
  },
  examples: {
    c: {
      bad: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L); }
      `,
      good: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L); }
      `,
    },
  },
});
