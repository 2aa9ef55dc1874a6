import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, isFalsy, plainName, stringValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';

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

/** The call or `new` that receives the array holding `el` (through nested arrays such as Guzzle 5's `'defaults'`). */
function receiver(el: Node): Node | undefined {
  let n: Node | null = el.parent;
  while (n && (n.type === 'array_creation_expression' || n.type === 'array_element_initializer')) n = n.parent;
  if (n?.type !== 'argument') return undefined;
  return n.parent?.parent ?? undefined;
}

function isGuzzleSink(call: Node): boolean {
  if (call.type === 'object_creation_expression') {
    const cls = call.namedChildren.find((c) => c?.type === 'name' || c?.type === 'qualified_name');
    return CLIENTS.includes(plainName(cls) ?? '');
  }
  return METHODS.includes(callName(call) ?? '');
}

export const detector = defineDetector<{ value: Node } | undefined>({
  id: 'php.guzzle-verify',
  summary: `Guzzle and Laravel's HTTP client with verification off.`,
  docs: `
    Guzzle and Laravel's HTTP client with verification off: \`new Client(['verify' => false])\`,
    \`$client->request('GET', $url, ['verify' => false])\`, \`RequestOptions::VERIFY => false\`,
    \`Http::withOptions(['verify' => false])\`, \`Http::withoutVerifying()\`, Guzzle 5's \`setDefaultOption('verify', false)\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: [
    'GuzzleHttp\\Client verify',
    'GuzzleHttp\\RequestOptions::VERIFY',
    'Illuminate\\Support\\Facades\\Http::withoutVerifying',
    'Http::withOptions',
  ],
  tokens: ['verify', 'VERIFY', 'withoutVerifying'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const pair of arrayPairs(file)) {
      const key = pair.name;
      if ((key !== 'verify' || !pair.stringKey) && key !== 'RequestOptions::VERIFY') continue;
      if (!isFalsy(file, pair.value) || pair.value.type === 'null') continue;
      const sink = key === 'verify' ? receiver(pair.el) : undefined;
      if (key === 'RequestOptions::VERIFY' || (sink && isGuzzleSink(sink))) {
        report({
          node: pair.el,
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
      if (name === 'withoutVerifying') {
        report({
          node: call.childForFieldName('name')!,
          message: '`withoutVerifying()` turns certificate verification off for these requests.',
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
