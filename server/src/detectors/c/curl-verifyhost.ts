import type { Node } from 'web-tree-sitter';
import { intValue, lastName, valueText } from '../../engine/languages/c';
import { defineDetector } from '../../engine/detector';
import { VERIFY_HOST_OPTIONS, curlopt } from '../../engine/curl';
import { branches, curlOptionSets, selectingCondition } from './support/options';

const OPTIONS = curlopt(VERIFY_HOST_OPTIONS);
const WRAPPERS = ['SslVerifyHost', 'ProxySslVerifyHost'];

export const detector = defineDetector<{ value: Node; text: string }>({
  id: 'c.curl-verifyhost',
  summary: 'libcurl host name verification turned off.',
  docs: `
    libcurl host name verification turned off: \`CURLOPT_SSL_VERIFYHOST\` set to 0, or to 1 (which old
    libcurl treated as "check that a name exists" and 7.28.1+ rejects); 2 is the secure value.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['c', 'cpp'],
  apis: ['curl_easy_setopt(CURLOPT_SSL_VERIFYHOST)', 'CURLOPT_PROXY_SSL_VERIFYHOST', 'curlpp::options::SslVerifyHost'],
  tokens: ['VERIFYHOST', 'SslVerifyHost'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const { option: opt, value } of curlOptionSets(file, OPTIONS)) {
      for (const node of branches(value)) {
        const v = intValue(valueText(file, node));
        if (v !== 0 && v !== 1) continue;
        report({
          node,
          message:
            v === 0
              ? `\`${opt}\` is set to 0: libcurl does not check that the certificate matches the host name (2 is the secure value).`
              : `\`${opt}\` is set to 1: libcurl before 7.28.1 only checked that the certificate has a name, later ones reject or remap it (2 is the secure value).`,
          flag: selectingCondition(node),
          state: { value: node, text: '2L' },
        });
      }
    }
    if (file.language !== 'cpp') return;
    for (const node of file.nodes('call_expression', 'new_expression')) {
      const type =
        node.type === 'call_expression' ? node.childForFieldName('function') : node.childForFieldName('type');
      const list = node.childForFieldName('arguments');
      if (
        !type ||
        !list ||
        !['identifier', 'qualified_identifier', 'type_identifier'].includes(type.type) ||
        !WRAPPERS.includes(lastName(type))
      )
        continue;
      const values = list.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      const v = values.length === 1 ? intValue(valueText(file, values[0])) : undefined;
      if (v === 0 || v === 1) {
        report({
          node: values[0],
          message: `\`${lastName(type)}\` is given ${values[0].text}: the host name is not checked (2 is the secure value).`,
          state: { value: values[0], text: '2L' },
        });
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: 'Check the host name (`2L`)',
      safety: 'safe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: s.text }],
    };
  },
  examples: {
    c: {
      bad: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L); }
      `,
      good: `
        #include <curl/curl.h>
        void f(CURL *h) { curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L); }
      `,
    },
  },
});
