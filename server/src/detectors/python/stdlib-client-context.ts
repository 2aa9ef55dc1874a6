import type { Node } from 'web-tree-sitter';
import { callArgs, callsNamed } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix, TextEdit } from '../../engine/types';
import { CLIENTS, clientContextArg, defaultContextSpelling, unverifiedKind } from './support/client-context';

export const detector = defineDetector<{ value: Node; simple: boolean }>({
  id: 'python.stdlib-client-context',
  summary:
    'Standard-library clients (http.client, urllib.request, smtplib, imaplib, poplib, ftplib, nntplib, xmlrpc.client, asyncio) handed an unverified context inline.',
  docs: `
    Standard-library clients (http.client, urllib.request, smtplib, imaplib, poplib, ftplib, nntplib,
    xmlrpc.client, asyncio) handed an unverified context inline: \`urlopen(url, context=ssl._create_unverified_context())\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: [...Object.keys(CLIENTS), 'smtplib.SMTP.starttls', 'imaplib.IMAP4.starttls', 'poplib.POP3.stls'],
  tokens: ['_create_unverified_context', '_create_stdlib_context', 'SSLContext('],
  fixAvailability: 'always',
  detect(file, report) {
    // A keyword argument whose value is a call that makes an unverified context (unverifiedKind).
    for (const value of callsNamed(file, ['_create_unverified_context', '_create_stdlib_context', 'SSLContext'])) {
      const kw = value.parent;
      if (kw?.type !== 'keyword_argument' || kw.childForFieldName('value')?.id !== value.id) continue;
      const arg = clientContextArg(file, value);
      const kind = arg && unverifiedKind(file, value);
      if (!arg || !kind) continue;
      const simple = (callArgs(value).positional.length === 0 && callArgs(value).keywords.size === 0) || false;
      report({
        node: kw,
        message: `\`${arg.api}\` is given \`${kind}\`, which verifies no certificate.`,
        state: { value, simple },
      });
    }
  },
  fix(file, r): Fix {
    const { value, simple } = r.state;
    const edits: TextEdit[] = [];
    const spelled = defaultContextSpelling(file, value, edits);
    edits.push({ start: value.startIndex, end: value.endIndex, newText: `${spelled}()` });
    return {
      title: 'Pass a verifying context (`ssl.create_default_context()`)',
      safety: simple ? 'safe' : 'unsafe',
      edits,
    };
  },
  examples: {
    python: {
      bad: `
        import ssl, urllib.request
        urllib.request.urlopen("https://example.com", context=ssl._create_unverified_context())
      `,
      good: `
        import ssl, urllib.request
        urllib.request.urlopen("https://example.com", context=ssl.create_default_context())
      `,
    },
  },
});
