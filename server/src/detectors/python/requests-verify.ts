import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  isFalsy,
  matchesApi,
  nameOf,
  nodesAround,
  parameterValues,
  pinnedByFingerprint,
  pythonModel,
  resultOnlyAsserted,
  unvendoredName,
  valueOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import { disablingValue } from './support/conditional';
import type { SourceFile } from '../../engine/types';

const VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
const CALLS = [
  ...VERBS.map((v) => `requests.${v}`),
  'requests.api.*',
  ...VERBS.map((v) => `httpx.${v}`),
  'httpx.stream',
  'httpx.Client',
  'httpx.AsyncClient',
  'httpx.HTTPTransport',
  'httpx.AsyncHTTPTransport',
  'httpx.create_ssl_context',
  'httpx.Proxy',
];
/** What a session or client variable holds, as `nameOf` spells a constructor call. */
const SESSION_TYPES = [
  'requests.Session()',
  'requests.session()',
  'requests.sessions.Session()',
  'requests.sessions.session()',
  'httpx.Client()',
  'httpx.AsyncClient()',
  // Sessions of libraries built on requests.
  'requests_html.HTMLSession()',
  'requests_html.AsyncHTMLSession()',
  'requests_futures.sessions.FuturesSession()',
  'cloudscraper.create_scraper()',
  'cloudscraper.CloudScraper()',
];
const SESSION_METHODS = [...VERBS, 'send', 'stream', 'merge_environment_settings'];

function sessionOwner(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const owner = unvendoredName(name);
  return owner && SESSION_TYPES.includes(owner) ? owner : undefined;
}

function isSessionMethod(name: string | undefined): boolean {
  if (!name) return false;
  const dot = name.lastIndexOf('.');
  return dot > 0 && !!sessionOwner(name.slice(0, dot)) && SESSION_METHODS.includes(name.slice(dot + 1));
}

function pretty(name: string): string {
  return name.replace(/\(\)/g, '');
}

/** A call to a plain name that a `from requests import *` (or httpx) brought in. */
function starImported(file: SourceFile, call: Node): string | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return undefined;
  const stars = pythonModel(file).starImports;
  const mod = ['requests', 'httpx'].find((m) => stars.has(m));
  return mod ? `${mod}.${fn.text}` : undefined;
}

/** Whether `self.<attr>` in this node's method belongs to a class derived from a requests Session. */
function inSessionSubclass(file: SourceFile, node: Node): boolean {
  let cls: Node | null = node.parent;
  while (cls && cls.type !== 'class_definition') cls = cls.parent;
  const bases = cls?.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.some((b) => {
    const name = b ? unvendoredName(nameOf(file, b, 'reaching')) : undefined;
    return !!name && sessionOwner(`${name}()`)?.startsWith('requests.') === true;
  });
}

/** The key of a dictionary pair when it is a plain string. */
function pairKey(pair: Node): string | undefined {
  const key = pair.childForFieldName('key');
  if (key?.type !== 'string' || key.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return key.namedChildren
    .filter((c) => c?.type === 'string_content')
    .map((c) => c.text)
    .join('');
}

/** The `'verify': <falsy>` pairs of a dictionary literal, directly or through a name assigned once. */
function verifyPairs(file: SourceFile, node: Node | null | undefined): Node[] {
  const dict = valueOf(file, node);
  if (dict?.type !== 'dictionary') return [];
  return dict.namedChildren.filter(
    (p): p is Node =>
      !!p && p.type === 'pair' && pairKey(p) === 'verify' && isFalsy(file, p.childForFieldName('value')),
  );
}

interface State {
  /** The false constant to turn into True. */
  value: Node;
  /** It is a parameter's default or a caller's argument: the fix changes more than this call. */
  viaParameter?: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.requests-verify',
  summary:
    'requests and httpx calls, clients, sessions and transports with certificate verification turned off (`verify=False` or any other false constant but None, which both libraries read as the default).',
  docs: `
    requests and httpx calls, clients, sessions and transports with certificate verification turned off
    (\`verify=False\` or any other false constant but None, which both libraries read as the default).
    A call that passes the false constant to a function of the project whose parameter reaches \`verify=\` is
    reported at that call, with the sink as a related location, and has no fix: which argument to change is
    the caller's choice.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['requests.*', 'requests.Session', 'httpx.*', 'httpx.Client', 'httpx.AsyncClient', 'httpx.HTTPTransport'],
  // What it reads: a `verify=` keyword (black and most code write it without spaces, some with one), a
  // `"verify"` key splatted in, a `.verify` attribute set. The bare word is common in test suites
  // (`self.verify(...)`, `:param verify:`), where it would parse every file for nothing.
  tokens: ['verify=', 'verify =', '.verify', "'verify'", '"verify"'],
  alsoTokens: ['requests', 'httpx', 'cloudscraper'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const reported = new Set<number>();
    const emit = (node: Node, value: Node, message: string, viaParameter = false) => {
      if (reported.has(node.startIndex) || pinnedByFingerprint(node)) return;
      reported.add(node.startIndex);
      report({ node, message, state: { value, viaParameter } });
    };
    // Only calls with a `verify=` argument, or a `**` splat when some dictionary has a "verify" key, can
    // turn verification off.
    const splats = /['"]verify['"]/.test(file.text) ? ['**'] : [];
    for (const call of nodesAround(file, ['verify', ...splats], ['call'])) {
      const args = callArgs(call);
      if (!args.keywords.has('verify') && !args.hasSplat) continue;
      const raw = nameOf(file, call.childForFieldName('function'), 'reaching') ?? starImported(file, call);
      const name = unvendoredName(raw);
      if (!matchesApi(name, CALLS) && !isSessionMethod(name)) continue;
      // `ctx = httpx.create_ssl_context(verify=False)` then only `assert ctx...`: a test of the factory.
      if (/context|config/i.test(name?.slice(name.lastIndexOf('.') + 1) ?? '') && resultOnlyAsserted(call)) continue;
      const kw = args.keywords.get('verify');
      const value = kw?.childForFieldName('value');
      const api = pretty(name!);
      if (kw && value && isFalsy(file, value)) {
        emit(
          kw,
          value,
          `\`${api}\` is called with \`verify=${value.text}\`: the server's certificate is not verified.`,
        );
      } else if (kw && value && disablingValue(file, value)) {
        // `verify=False if insecure else True`: reported at the branch, whose condition is the caller's flag.
        const branch = disablingValue(file, value)!;
        emit(
          branch,
          branch,
          `\`${api}\` is called with \`verify=${value.text}\`: the server's certificate is not verified when it is ${branch.text}.`,
          true,
        );
      } else if (kw && value) {
        // `def fetch(url, verify=False): requests.get(url, verify=verify)`, or `fetch(url, False)` in this file.
        const origin = parameterValues(file, value).find((v) => isFalsy(file, v));
        if (origin) {
          const line = file.text.slice(0, origin.startIndex).split('\n').length;
          emit(
            kw,
            origin,
            `\`${api}\` is called with \`verify=${value.text}\`, which is ${origin.text} (line ${line}): the server's certificate is not verified.`,
            true,
          );
        }
      }
      // `**{"verify": False}` or `**kwargs` where `kwargs = {"verify": False}`.
      if (args.hasSplat) {
        for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
          if (a?.type !== 'dictionary_splat') continue;
          for (const pair of verifyPairs(file, a.namedChildren[0])) {
            const v = pair.childForFieldName('value')!;
            emit(
              pair,
              v,
              `\`${api}\` gets \`"verify": ${v.text}\` through \`**\`: the server's certificate is not verified.`,
            );
          }
        }
      }
    }
    // `session.verify = False` on a requests Session (also `self.session`, `requests.Session().verify`).
    for (const asg of nodesAround(file, ['verify'], ['assignment'])) {
      const left = asg.childForFieldName('left');
      const right = asg.childForFieldName('right');
      if (
        left?.type !== 'attribute' ||
        left.childForFieldName('attribute')?.text !== 'verify' ||
        !right ||
        !isFalsy(file, right)
      )
        continue;
      const object = left.childForFieldName('object');
      let owner = sessionOwner(nameOf(file, object, 'reaching'));
      // `self.verify = False` in a class derived from requests.Session.
      if (!owner && object?.type === 'identifier' && object.text === 'self' && inSessionSubclass(file, asg))
        owner = 'requests.Session()';
      if (owner && owner.startsWith('requests.')) {
        emit(
          asg,
          right,
          `\`${pretty(owner)}.verify\` is set to ${right.text}: no request of this session verifies certificates.`,
        );
      }
    }
  },
  fix(_file, r) {
    const { value, viaParameter } = r.state;
    return {
      title: 'Verify certificates (`verify=True`)',
      safety: viaParameter ? 'unsafe' : 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'True' }],
    };
  },
  examples: {
    python: {
      bad: `
        import requests
        requests.get("https://example.com", verify=False)
      `,
      good: `
        import requests
        requests.get("https://example.com", verify=True)
      `,
    },
  },
});
