import type { Node } from 'web-tree-sitter';
import {
  callArguments,
  calleeName,
  calleeNode,
  jsModel,
  jsNodesAround,
  lastSimpleName,
  matchesApi,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

const PAIR_APIS = ['tls.createSecurePair', 'tls.SecurePair'];
const CREDENTIAL_APIS = ['crypto.createCredentials', 'crypto.Credentials'];

const LAST_NAMES = new Set([...PAIR_APIS, ...CREDENTIAL_APIS].map((a) => a.split('.').pop()!));

interface State {
  call: Node;
  api: string;
}

/** A local name bound to the `tls` module, to write the replacement with. */
function tlsName(file: SourceFile): string {
  for (const [local, q] of jsModel(file).imports) if (q === 'tls') return local;
  return "require('tls')";
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-create-secure-pair',
  summary: 'Removed or deprecated Node TLS APIs.',
  docs: `
    Removed or deprecated Node TLS APIs: \`tls.createSecurePair\` / \`new tls.SecurePair\` (DEP0064) and
    \`crypto.createCredentials\` / \`crypto.Credentials\` (DEP0010), replaced by \`tls.TLSSocket\` and
    \`tls.createSecureContext\`, whose defaults verify certificates.
  `,
  rule: 'deprecated-api',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [...PAIR_APIS, ...CREDENTIAL_APIS],
  tokens: ['SecurePair', 'Credentials'],
  alsoTokens: ['tls', 'crypto'],
  fixAvailability: 'always',
  detect(file, report) {
    const imports = jsModel(file).imports;
    // The callee ends in one of the API names, or is a local name imported for one: found from those words.
    const words = [
      ...LAST_NAMES,
      ...[...imports].filter(([, q]) => LAST_NAMES.has(q.split('.').pop() ?? '')).map(([local]) => local),
    ];
    for (const call of jsNodesAround(file, words, ['call_expression', 'new_expression'])) {
      // Cheap pre-check before resolving: the callee's last name, or an imported alias of one of the APIs.
      const callee0 = calleeNode(call);
      const last = lastSimpleName(callee0);
      if (
        !last ||
        !(
          LAST_NAMES.has(last) ||
          (callee0?.type === 'identifier' && LAST_NAMES.has(imports.get(last)?.split('.').pop() ?? ''))
        )
      )
        continue;
      const name = calleeName(file, call);
      if (!matchesApi(name, PAIR_APIS) && !matchesApi(name, CREDENTIAL_APIS)) continue;
      const callee = calleeNode(call);
      if (!callee) continue;
      const pair = matchesApi(name, PAIR_APIS);
      report({
        node: callee,
        message: pair
          ? `\`${name}\` is deprecated and removed from recent Node versions; \`tls.TLSSocket\` replaces it with verifying defaults.`
          : `\`${name}\` was removed from Node; \`tls.createSecureContext\` replaces it.`,
        state: { call, api: name! },
      });
    }
  },
  fix(file, r) {
    const { call, api } = r.state;
    const args = callArguments(call).map((a) => a.text);
    const tls = tlsName(file);
    if (matchesApi(api, CREDENTIAL_APIS)) {
      // createCredentials(details) took the options that createSecureContext takes; the result's
      // shape differs (a SecureContext), so callers need a look.
      return {
        title: `Use \`tls.createSecureContext\``,
        safety: 'unsafe',
        edits: [
          { start: call.startIndex, end: call.endIndex, newText: `${tls}.createSecureContext(${args[0] ?? ''})` },
        ],
      };
    }
    // createSecurePair(context, isServer, requestCert, rejectUnauthorized) returned cleartext and
    // encrypted streams; a TLSSocket wraps a socket instead, so the surrounding code must change too.
    const names = ['secureContext', 'isServer', 'requestCert', 'rejectUnauthorized'];
    const opts = args
      .slice(0, 4)
      .map((a, i) => `${names[i]}: ${a}`)
      .join(', ');
    return {
      title: 'Use `new tls.TLSSocket(socket, options)`',
      safety: 'unsafe',
      edits: [
        {
          start: call.startIndex,
          end: call.endIndex,
          newText: `new ${tls}.TLSSocket(undefined, { ${opts} })`.replace('{  }', '{}'),
        },
      ],
    };
  },
  examples: {
    javascript: {
      bad: `
        const tls = require('tls');
        const pair = tls.createSecurePair(context, false);
      `,
      good: `
        const tls = require('tls');
        const socket = new tls.TLSSocket(raw, { secureContext: context });
      `,
    },
  },
});
