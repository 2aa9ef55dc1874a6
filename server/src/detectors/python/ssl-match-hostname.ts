import { callsNamed, nameOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector({
  id: 'python.ssl-match-hostname',
  summary: '`ssl.match_hostname()` (deprecated since 3.7, removed in 3.12).',
  docs: `
    \`ssl.match_hostname()\` (deprecated since 3.7, removed in 3.12): the context's own check replaces it.
  `,
  rule: 'deprecated-api',
  languages: ['python'],
  apis: ['ssl.match_hostname'],
  tokens: ['match_hostname'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const call of callsNamed(file, ['match_hostname'])) {
      const fn = call.childForFieldName('function');
      if (fn && nameOf(file, fn, 'ssl') === 'ssl.match_hostname') {
        report({
          node: fn,
          message:
            '`ssl.match_hostname` is deprecated (removed in Python 3.12): let the context check the name (`check_hostname = True` and `server_hostname=`).',
        });
      }
    }
  },
  examples: {
    python: {
      bad: `
        import ssl
        ssl.match_hostname(sock.getpeercert(), "example.com")
      `,
      good: `
        import ssl
        ctx = ssl.create_default_context()
        tls = ctx.wrap_socket(sock, server_hostname="example.com")
      `,
    },
  },
});
