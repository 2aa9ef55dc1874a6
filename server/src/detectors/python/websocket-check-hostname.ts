import type { Node } from 'web-tree-sitter';
import { callArgs, isFalsy, nameOf, stringValue, valueOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
  /** The same options also turn certificate checks off: `check_hostname=True` alone would raise. */
  certNone: boolean;
}

export const detector = defineDetector<State>({
  id: 'python.websocket-check-hostname',
  summary: 'websocket-client\'s `sslopt={"check_hostname": False}`.',
  docs: `
    websocket-client's \`sslopt={"check_hostname": False}\`: the server certificate's name is not matched to the host.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['python'],
  apis: ['websocket.create_connection', 'websocket.WebSocket', 'websocket.WebSocketApp.run_forever'],
  tokens: ['sslopt'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('call')) {
      const opts = valueOf(file, callArgs(call).keywords.get('sslopt')?.childForFieldName('value'));
      if (opts?.type !== 'dictionary') continue;
      const pairs = opts.namedChildren.filter((p): p is Node => p?.type === 'pair');
      const certNone = pairs.some(
        (p) =>
          stringValue(file, p.childForFieldName('key')) === 'cert_reqs' &&
          /(?:^|\.)CERT_NONE$/.test(nameOf(file, p.childForFieldName('value'), 'reaching') ?? ''),
      );
      for (const pair of pairs) {
        const value = pair.childForFieldName('value');
        if (stringValue(file, pair.childForFieldName('key')) !== 'check_hostname' || !value || !isFalsy(file, value))
          continue;
        report({
          node: pair,
          message: `\`sslopt\` sets \`"check_hostname": ${value.text}\`: the certificate is not matched to the host name.`,
          state: { value, certNone },
        });
      }
    }
  },
  fix(_file, r) {
    const { value, certNone } = r.state;
    return {
      title: 'Check host names (`"check_hostname": True`)',
      safety: certNone ? 'unsafe' : 'safe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'True' }],
    };
  },
  examples: {
    python: {
      bad: `
        import websocket
        ws = websocket.create_connection("wss://example.com", sslopt={"check_hostname": False})
      `,
      good: `
        import websocket
        ws = websocket.create_connection("wss://example.com")
      `,
    },
  },
});
