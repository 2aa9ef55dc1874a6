import type { Node } from 'web-tree-sitter';
import {
  addImportEdit,
  callArgs,
  isServerContextCall,
  kwValue,
  moduleAlias,
  sslName,
  spellingOf,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix, SourceFile } from '../../engine/types';

/** Client constructors and functions, with the keyword that takes an SSLContext. */
const CLIENTS: Record<string, string> = {
  'http.client.HTTPSConnection': 'context',
  'httplib.HTTPSConnection': 'context',
  'urllib.request.urlopen': 'context',
  'urllib.request.HTTPSHandler': 'context',
  'urllib2.urlopen': 'context',
  'urllib2.HTTPSHandler': 'context',
  'smtplib.SMTP_SSL': 'context',
  'smtplib.LMTP': 'context',
  'imaplib.IMAP4_SSL': 'ssl_context',
  'poplib.POP3_SSL': 'context',
  'ftplib.FTP_TLS': 'context',
  'nntplib.NNTP_SSL': 'ssl_context',
  'xmlrpc.client.ServerProxy': 'context',
  'xmlrpc.client.SafeTransport': 'context',
  'asyncio.open_connection': 'ssl',
};
/** STARTTLS-style methods (smtplib/imaplib/nntplib `starttls`, poplib `stls`), on any object. */
const METHODS: Record<string, string[]> = { starttls: ['context', 'ssl_context'], stls: ['context'] };

/** The unverified kinds of context a call can make inline. */
function unverifiedKind(file: SourceFile, value: Node): string | undefined {
  if (value.type !== 'call') return undefined;
  const name = sslName(file, value.childForFieldName('function'));
  if (name === 'ssl._create_unverified_context' || name === 'ssl._create_stdlib_context') {
    return isServerContextCall(file, value, name) ? undefined : `${name}()`;
  }
  if (name === 'ssl.SSLContext') {
    const { positional, keywords, hasSplat } = callArgs(value);
    const p = positional[0] ?? kwValue(keywords.get('protocol'));
    if (hasSplat) return undefined;
    // No protocol, or the old negotiating ones: CERT_NONE and no host name check by default.
    if (!p) return 'ssl.SSLContext()';
    // Every protocol but PROTOCOL_TLS_CLIENT makes a context that verifies nothing by default.
    const proto = sslName(file, p) ?? '';
    if (proto.startsWith('ssl.PROTOCOL_') && proto !== 'ssl.PROTOCOL_TLS_CLIENT' && proto !== 'ssl.PROTOCOL_TLS_SERVER')
      return `ssl.SSLContext(${p.text})`;
  }
  return undefined;
}

/** The client call and keyword a context argument is passed to, when it is one of the known clients. */
export function clientContextArg(
  file: SourceFile,
  value: Node,
): { call: Node; api: string; keyword: Node } | undefined {
  const kw = value.parent;
  if (kw?.type !== 'keyword_argument' || kw.childForFieldName('value')?.id !== value.id) return undefined;
  const call = kw.parent?.parent;
  if (call?.type !== 'call') return undefined;
  const key = kw.childForFieldName('name')?.text ?? '';
  const fn = call.childForFieldName('function');
  const name = sslName(file, fn);
  if (name && CLIENTS[name] === key) return { call, api: name, keyword: kw };
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (method && METHODS[method]?.includes(key)) return { call, api: name ?? `.${method}`, keyword: kw };
  return undefined;
}

/** Whether a context-making call is passed inline to a known client (this detector reports it there). */
export function isInlineClientContext(file: SourceFile, call: Node): boolean {
  return !!clientContextArg(file, call) && !!unverifiedKind(file, call);
}

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
    for (const kw of file.nodes('keyword_argument')) {
      const value = kw.childForFieldName('value');
      if (!value) continue;
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
    const edits = [];
    const fn = value.childForFieldName('function');
    let spelled =
      fn?.type === 'attribute'
        ? `${fn.childForFieldName('object')!.text}.create_default_context`
        : spellingOf(file, 'ssl.create_default_context');
    if (!spelled) {
      const mod = moduleAlias(file, 'ssl') ?? 'ssl';
      if (!moduleAlias(file, 'ssl')) edits.push(addImportEdit(file, 'ssl'));
      spelled = `${mod}.create_default_context`;
    }
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
