// requests and httpx calls, clients and sessions with `verify=False`.
import type { Node } from 'web-tree-sitter';
import { callArgs, calleeName, isFalse, matchesApi, qualifiedName } from '../../engine/languages/python';
import type { Detector } from '../../engine/types';

const CALLS = [
  'requests.get', 'requests.post', 'requests.put', 'requests.patch', 'requests.delete', 'requests.head', 'requests.options',
  'requests.request', 'requests.api.*',
  'httpx.get', 'httpx.post', 'httpx.put', 'httpx.patch', 'httpx.delete', 'httpx.head', 'httpx.options', 'httpx.request',
  'httpx.stream', 'httpx.Client', 'httpx.AsyncClient', 'httpx.HTTPTransport', 'httpx.AsyncHTTPTransport',
];
const SESSION_TYPES = ['requests.Session()', 'requests.session()', 'requests.sessions.Session()', 'httpx.Client()', 'httpx.AsyncClient()'];
const SESSION_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'merge_environment_settings'];

function isSessionMethod(name: string | undefined): boolean {
  if (!name) return false;
  const dot = name.lastIndexOf('.');
  return dot > 0 && SESSION_TYPES.includes(name.slice(0, dot)) && SESSION_METHODS.includes(name.slice(dot + 1));
}

export const detector: Detector<{ value: Node }> = {
  id: 'python.requests-verify',
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['requests.*', 'requests.Session', 'httpx.*', 'httpx.Client', 'httpx.AsyncClient'],
  tokens: ['verify'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const name = calleeName(file, call);
      if (!matchesApi(name, CALLS) && !isSessionMethod(name)) continue;
      const kw = callArgs(call).keywords.get('verify');
      const value = kw?.childForFieldName('value');
      if (kw && value && isFalse(file, value)) {
        report({ node: kw, message: `\`${name}\` is called with \`verify=False\`: the server's certificate is not verified.`, state: { value } });
      }
    }
    // `session.verify = False` on a requests Session.
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'verify' || !right || !isFalse(file, right)) continue;
      const owner = qualifiedName(file, left.childForFieldName('object'));
      if (owner && SESSION_TYPES.includes(owner)) {
        report({ node: asg, message: `\`${owner.slice(0, -2)}.verify\` is set to False: no request of this session verifies certificates.`, state: { value: right } });
      }
    }
  },
  fix(_file, r) {
    const value = r.state!.value;
    return { title: 'Verify certificates (`verify=True`)', safety: 'safe', edits: [{ start: value.startIndex, end: value.endIndex, newText: 'True' }] };
  },
  examples: {
    bad: 'import requests\nrequests.get("https://example.com", verify=False)\n',
    good: 'import requests\nrequests.get("https://example.com", verify=True)\n',
  },
};
