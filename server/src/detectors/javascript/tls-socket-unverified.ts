import type { Node } from 'web-tree-sitter';
import {
  callArguments,
  calleeName,
  calleeNode,
  isTrueConstant,
  jsNodesAround,
  memberName,
  objectLiteralOf,
  objectMembers,
  usesProperty,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

interface State {
  call: Node;
  /** The `tls` expression written before `.TLSSocket`, for the replacement. */
  tls: string | undefined;
}

/** Whether the file looks at the verification result itself (`.authorized`, `authorizationError`, `verifyError()`). */
function checksVerification(file: SourceFile): boolean {
  return file.memo('javascript.checks-tls-verification', () =>
    usesProperty(file, ['authorized', 'authorizationError', 'verifyError']),
  );
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-socket-unverified',
  summary: 'A bare `new tls.TLSSocket(socket, ...)`.',
  docs: `
    A bare \`new tls.TLSSocket(socket, ...)\`: unlike \`tls.connect()\` and \`tls.Server\`, the constructor never
    rejects a peer whose certificate fails verification; the code must read \`socket.authorized\` or
    \`verifyError()\` itself. Flagged when nothing in the file does; a server socket only when it asks for
    client certificates (\`requestCert: true\`).
  `,
  rule: 'insecure-default-context',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: ['tls.TLSSocket'],
  tokens: ['TLSSocket'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Every `new` expression holds the keyword; an aliased `new S(...)` need not hold `TLSSocket`.
    for (const call of jsNodesAround(file, ['new'], ['new_expression'])) {
      if (calleeName(file, call) !== 'tls.TLSSocket') continue;
      if (checksVerification(file)) return;
      const args = callArguments(call);
      const opts = objectLiteralOf(file, args[1]);
      const members = opts ? objectMembers(file, opts) : [];
      const isTrue = (name: string) =>
        members.some((m) => memberName(m) === name && isTrueConstant(file, m.childForFieldName('value')));
      const isServer = isTrue('isServer');
      // A server socket that does not ask for client certificates (`requestCert`) has none to verify.
      if (isServer && !isTrue('requestCert')) continue;
      const callee = calleeNode(call);
      report({
        node: callee ?? call,
        message: isServer
          ? '`new tls.TLSSocket` never rejects a client certificate that fails verification, and nothing here checks `socket.authorized`.'
          : '`new tls.TLSSocket` never rejects a server certificate that fails verification, and nothing here checks `socket.authorized`; `tls.connect({ socket })` does.',
        state: {
          call,
          tls:
            !isServer && callee?.type === 'member_expression' && (!args[1] || opts)
              ? callee.childForFieldName('object')?.text
              : undefined,
        },
      });
    }
  },
  fix(_file, r) {
    const { call, tls } = r.state;
    if (!tls) return undefined;
    const [socket, opts] = callArguments(call);
    // tls.connect verifies and emits 'secureConnect'; listeners written for 'secure' need review.
    const spread = opts ? opts.text.replace(/^\{\s*/, '').replace(/(?<!\s)\s*(?:,\s*)?\}$/, '') : '';
    const inner = [socket ? `socket: ${socket.text}` : undefined, spread || undefined].filter(Boolean).join(', ');
    return {
      title: 'Use `tls.connect({ socket, ... })`, which verifies the server',
      safety: 'unsafe',
      edits: [{ start: call.startIndex, end: call.endIndex, newText: `${tls}.connect({ ${inner} })` }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const tls = require('tls');
        const secure = new tls.TLSSocket(socket, { servername: 'example.com' });
      `,
      good: `
        const tls = require('tls');
        const secure = tls.connect({ socket, servername: 'example.com' });
      `,
    },
  },
});
