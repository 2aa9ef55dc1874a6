import type { Node } from 'web-tree-sitter';
import { callArgs, constantOf, isFalsy, qualifiedNameAt } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** The libcurl option a `setopt` call sets (`SSL_VERIFYPEER`), when its first argument is a pycurl constant. */
export function pycurlOption(file: SourceFile, call: Node): { option: string; value: Node } | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'setopt') return undefined;
  const args = callArgs(call);
  const [opt, value] = args.positional;
  if (!opt || !value) return undefined;
  // `pycurl.SSL_VERIFYPEER`, or the same constant read from a handle (`c.SSL_VERIFYPEER`, c = pycurl.Curl()).
  const name = qualifiedNameAt(file, opt);
  const m = name ? /^pycurl\.(?:Curl\(\)\.|CurlMulti\(\)\.)?([A-Z0-9_]+)$/.exec(name) : null;
  return m ? { option: m[1], value } : undefined;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'python.pycurl-ssl-verifypeer',
  summary: 'pycurl handles with `setopt(pycurl.SSL_VERIFYPEER, 0)`.',
  docs: `
    pycurl handles with \`setopt(pycurl.SSL_VERIFYPEER, 0)\`: libcurl then accepts any server certificate.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['pycurl.Curl.setopt', 'pycurl.SSL_VERIFYPEER', 'pycurl.PROXY_SSL_VERIFYPEER'],
  tokens: ['VERIFYPEER'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const opt = pycurlOption(file, call);
      if (
        !opt ||
        (opt.option !== 'SSL_VERIFYPEER' && opt.option !== 'PROXY_SSL_VERIFYPEER') ||
        !isFalsy(file, opt.value)
      )
        continue;
      report({
        node: call,
        message: `\`setopt(${opt.option}, ${opt.value.text})\`: libcurl accepts any certificate from the ${opt.option.startsWith('PROXY') ? 'proxy' : 'server'}.`,
        state: { value: opt.value },
      });
    }
  },
  fix(file, r) {
    const value = r.state.value;
    const newText = constantOf(file, value)?.type === 'false' ? 'True' : '1';
    return {
      title: `Verify the peer (\`${newText}\`)`,
      safety: 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText }],
    };
  },
  examples: {
    python: {
      bad: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYPEER, 0)
      `,
      good: `
        import pycurl
        c = pycurl.Curl()
        c.setopt(pycurl.SSL_VERIFYPEER, 1)
      `,
    },
  },
});
