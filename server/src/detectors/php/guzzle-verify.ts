import type { Node } from 'web-tree-sitter';
import {
  argValues,
  arrayPair,
  arrayPairs,
  callName,
  isFalsy,
  plainName,
  stringValue,
} from '../../engine/languages/php';
import type { SourceFile } from '../../engine/types';
import { callerFlag, optIn } from './support/intent';
import { defineDetector } from '../../engine/detector';

/** The call or `new` that receives the array holding `el` (through nested arrays such as Guzzle 5's `'defaults'`). */
function receiver(el: Node): Node | undefined {
  let n: Node | null = el.parent;
  while (n && (n.type === 'array_creation_expression' || n.type === 'array_element_initializer')) n = n.parent;
  if (n?.type !== 'argument') return undefined;
  return n.parent?.parent ?? undefined;
}

const CLIENTS = ['Client', 'GuzzleClient', 'HttpClient'];
const METHODS = [
  'request',
  'requestAsync',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'head',
  'options',
  'send',
  'sendAsync',
  'getAsync',
  'postAsync',
  'putAsync',
  'patchAsync',
  'deleteAsync',
  'headAsync',
  'optionsAsync',
  'createRequest',
  'withOptions',
];

function isGuzzleSink(call: Node): boolean {
  if (call.type === 'object_creation_expression') {
    const cls = call.namedChildren.find((c) => c?.type === 'name' || c?.type === 'qualified_name');
    return CLIENTS.includes(plainName(cls) ?? '');
  }
  return METHODS.includes(callName(call) ?? '');
}

/** Guzzle's request options (the keys of the array `verify` sits in, for an unknown consumer). */
const REQUEST_OPTIONS = new Set([
  'allow_redirects',
  'auth',
  'base_uri',
  'body',
  'cert',
  'connect_timeout',
  'cookies',
  'crypto_method',
  'curl',
  'debug',
  'decode_content',
  'defaults',
  'delay',
  'expect',
  'force_ip_resolve',
  'form_params',
  'handler',
  'headers',
  'http_errors',
  'idn_conversion',
  'json',
  'multipart',
  'on_headers',
  'on_stats',
  'progress',
  'proxy',
  'query',
  'read_timeout',
  'sink',
  'ssl_key',
  'stream',
  'stream_context',
  'synchronous',
  'timeout',
  'verify',
  'version',
]);

/**
 * Whether the array holding `verify` reads as Guzzle request options for any consumer (a handler, a
 * handler factory, a wrapper): every key is a request option, and the file uses Guzzle or names two
 * of them (`['verify' => false, 'timeout' => 5]`). A model's `update(['email' => $e, 'verify' => false])` is not.
 */
function guzzleOptions(file: SourceFile, el: Node): boolean {
  const keys = (el.parent?.namedChildren ?? [])
    .filter((c): c is Node => c?.type === 'array_element_initializer')
    .map((c) => arrayPair(c))
    .map((p) => (p ? stringValue(p.key) : undefined));
  if (!keys.every((k) => k !== undefined && REQUEST_OPTIONS.has(k))) return false;
  return keys.length >= 2 || file.memo('php.usesGuzzle', () => /\bGuzzleHttp\\/.test(file.text));
}

/**
 * Whether the array holding `verify` is the AWS SDK's `'http'` client options (`new S3Client(['http' =>
 * ['verify' => false]])`, `new Aws\\Sdk([...])`): the SDK hands them to its Guzzle handler.
 */
function awsHttpOptions(el: Node): boolean {
  const holder = el.parent?.parent;
  if (holder?.type !== 'array_element_initializer') return false;
  const pair = arrayPair(holder);
  return !!pair && stringValue(pair.key) === 'http';
}

/**
 * Methods that turn verification off by their name: Laravel's `withoutVerifying()`, amphp's
 * `withoutPeerVerification()`. A Map, not an object literal: a method the user names `toString` or
 * `constructor` must not find Object.prototype's.
 */
const WITHOUT_VERIFYING = new Map([
  ['withoutVerifying', 'these requests'],
  ['withoutPeerVerification', 'this TLS context'],
]);

export const detector = defineDetector<{ value: Node } | undefined>({
  id: 'php.guzzle-verify',
  summary: `Guzzle and Laravel's HTTP client with verification off.`,
  docs: `
    Guzzle and Laravel's HTTP client with verification off: \`new Client(['verify' => false])\`,
    \`$client->request('GET', $url, ['verify' => false])\`, \`RequestOptions::VERIFY => false\`,
    \`Http::withOptions(['verify' => false])\`, \`Http::withoutVerifying()\`, Guzzle 5's \`setDefaultOption('verify', false)\`;
    \`['verify' => false]\` handed to any consumer of the request options (a handler, a handler factory, a
    wrapper), the AWS SDK's \`'http' => ['verify' => false]\` client options, and amphp's
    \`withoutPeerVerification()\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: [
    'GuzzleHttp\\Client verify',
    'GuzzleHttp\\RequestOptions::VERIFY',
    'Illuminate\\Support\\Facades\\Http::withoutVerifying',
    'Http::withOptions',
    'Amp\\Socket\\ClientTlsContext::withoutPeerVerification',
  ],
  tokens: ['verify', 'VERIFY', 'withoutVerifying', 'withoutPeerVerification'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const pair of arrayPairs(file)) {
      const key = pair.name;
      if ((key !== 'verify' || !pair.stringKey) && key !== 'RequestOptions::VERIFY') continue;
      if (!isFalsy(file, pair.value) || pair.value.type === 'null') continue;
      // The request option `verify` reaches Guzzle through any consumer of its options: the client, a
      // request method, a handler or handler factory, a wrapper of the caller's own.
      const sink = key === 'verify' ? receiver(pair.el) : undefined;
      if (
        key === 'RequestOptions::VERIFY' ||
        (sink && (isGuzzleSink(sink) || guzzleOptions(file, pair.el) || awsHttpOptions(pair.el)))
      ) {
        report({
          node: pair.el,
          ...optIn(callerFlag(pair.el, false)),
          message: `The HTTP client option \`verify\` is set to ${pair.value.text}: the server's certificate is not verified.`,
          state: { value: pair.value },
        });
      }
    }
    for (const call of file.nodes(
      'member_call_expression',
      'scoped_call_expression',
      'nullsafe_member_call_expression',
    )) {
      const name = callName(call);
      const scope = name ? WITHOUT_VERIFYING.get(name) : undefined;
      if (scope) {
        report({
          node: call.childForFieldName('name')!,
          message: `\`${name}()\` turns certificate verification off for ${scope}.`,
          ...optIn(callerFlag(call, false)),
        });
      } else if (name === 'setDefaultOption') {
        const a = argValues(call);
        if (stringValue(a[0]) === 'verify' && isFalsy(file, a[1]) && a[1].type !== 'null') {
          report({
            node: a[1],
            message: "`setDefaultOption('verify', false)` turns certificate verification off.",
            state: { value: a[1] },
          });
        }
      }
    }
  },
  fix(_file, r) {
    const v = r.state?.value;
    return v
      ? {
          title: 'Verify certificates (`true`)',
          safety: 'safe',
          edits: [{ start: v.startIndex, end: v.endIndex, newText: 'true' }],
        }
      : undefined;
  },
  examples: {
    php: {
      bad: `
        <?php
        $client = new \\GuzzleHttp\\Client(['verify' => false]);
      `,
      good: `
        <?php
        $client = new \\GuzzleHttp\\Client(['verify' => true]);
      `,
    },
  },
});
