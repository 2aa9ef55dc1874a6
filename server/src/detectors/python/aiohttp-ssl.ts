import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  isFalsy,
  matchesApi,
  nameOf,
  parameterValues,
  pythonModel,
  removeArgumentEdit,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

const CALLS = ['aiohttp.request', 'aiohttp.client.request', 'aiohttp.TCPConnector', 'aiohttp.connector.TCPConnector'];
const SESSIONS = ['aiohttp.ClientSession()', 'aiohttp.client.ClientSession()'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'ws_connect', '_request'];

function importsAiohttp(file: SourceFile): boolean {
  return file.memo('python.imports-aiohttp', () =>
    [...pythonModel(file).imports.values()].some((v) => v === 'aiohttp' || v.startsWith('aiohttp.')),
  );
}

/** The aiohttp API a call reaches, or undefined. */
function aiohttpApi(file: SourceFile, call: Node): string | undefined {
  const name = nameOf(file, call.childForFieldName('function'), 'reaching');
  if (name && matchesApi(name, CALLS)) return name;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!METHODS.includes(method)) return undefined;
  if (name) {
    const owner = name.slice(0, name.lastIndexOf('.'));
    return SESSIONS.includes(owner) ? `aiohttp.ClientSession.${method}` : undefined;
  }
  // A session handed in as a parameter cannot be resolved; `ssl=False` on an HTTP verb in a file that
  // imports aiohttp is aiohttp's.
  return importsAiohttp(file) ? `ClientSession.${method}` : undefined;
}

interface State {
  kw: Node;
  /** The false value comes through a parameter: removing the argument changes what callers asked for. */
  viaParameter?: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.aiohttp-ssl',
  summary: 'aiohttp requests, sessions and connectors with certificate verification turned off.',
  docs: `
    aiohttp requests, sessions and connectors with certificate verification turned off: \`ssl=False\`
    (or another false constant but None) and the deprecated \`verify_ssl=False\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['aiohttp.ClientSession.request', 'aiohttp.ClientSession.get', 'aiohttp.request', 'aiohttp.TCPConnector'],
  tokens: ['ssl'],
  alsoTokens: ['aiohttp'],
  fixAvailability: 'always',
  detect(file, report) {
    if (!importsAiohttp(file)) return;
    for (const call of file.nodes('call')) {
      const args = callArgs(call);
      const ssl = args.keywords.get('ssl');
      const verifySsl = args.keywords.get('verify_ssl');
      if (!ssl && !verifySsl) continue;
      const api = aiohttpApi(file, call);
      if (!api) continue;
      for (const kw of [ssl, verifySsl]) {
        const value = kw?.childForFieldName('value');
        if (!kw || !value) continue;
        const param = kw.childForFieldName('name')!.text;
        if (isFalsy(file, value)) {
          report({
            node: kw,
            message: `\`${api}\` is called with \`${param}=${value.text}\`: the server's certificate is not verified.`,
            state: { kw },
          });
          continue;
        }
        const origin = parameterValues(file, value).find((v) => isFalsy(file, v));
        if (origin) {
          const line = file.text.slice(0, origin.startIndex).split('\n').length;
          report({
            node: kw,
            message: `\`${api}\` is called with \`${param}=${value.text}\`, which is ${origin.text} (line ${line}): the server's certificate is not verified.`,
            state: { kw, viaParameter: true },
          });
        }
      }
    }
  },
  fix(file, r) {
    const { kw, viaParameter } = r.state;
    const param = kw.childForFieldName('name')!.text;
    // Not `ssl=True`: older aiohttp 3.x releases treated it as "not verified" too (aio-libs/aiohttp#3722,
    // #6828); leaving the argument out verifies in every version.
    return {
      title: `Verify certificates (remove \`${param}=...\`; aiohttp verifies by default)`,
      safety: viaParameter ? 'unsafe' : 'safe',
      edits: [removeArgumentEdit(file, kw)],
    };
  },
  examples: {
    python: {
      bad: `
        import aiohttp
        connector = aiohttp.TCPConnector(ssl=False)
      `,
      good: `
        import aiohttp
        connector = aiohttp.TCPConnector()
      `,
    },
  },
});
