import type { Node } from 'web-tree-sitter';
import {
  addImportEdit,
  callArgs,
  enclosingStatement,
  indentAt,
  kwValue,
  nameOf,
  nodesAround,
  pythonModel,
  removeArgumentEdit,
} from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { Fix, SourceFile, TextEdit } from '../../engine/types';

const PARAMS: Record<string, string[]> = {
  'http.client.HTTPSConnection': ['key_file', 'cert_file', 'check_hostname'],
  'urllib.request.urlopen': ['cafile', 'capath', 'cadefault'],
  'smtplib.SMTP_SSL': ['keyfile', 'certfile'],
  'imaplib.IMAP4_SSL': ['keyfile', 'certfile'],
  'poplib.POP3_SSL': ['keyfile', 'certfile'],
  'ftplib.FTP_TLS': ['keyfile', 'certfile'],
  'nntplib.NNTP_SSL': ['keyfile', 'certfile'],
};

/** Every deprecated keyword of every API (and of `SMTP.starttls`). */
const KEYWORDS = [...new Set([...Object.values(PARAMS).flat(), 'keyfile', 'certfile'])];

/** The keyword that takes the context, where it is not `context`. */
const CONTEXT_KEYWORD: Record<string, string> = {
  'imaplib.IMAP4_SSL': 'ssl_context',
  'nntplib.NNTP_SSL': 'ssl_context',
};

function freshName(text: string): string {
  for (let i = 0; ; i++) {
    const name = i === 0 ? 'ssl_context' : `ssl_context_${i}`;
    if (!new RegExp(`\\b${name}\\b`).test(text)) return name;
  }
}

interface State {
  call: Node;
  kw: Node;
  api: string;
  key: string;
}

function sslSpelling(file: SourceFile, edits: TextEdit[]): string {
  const mod = pythonModel(file).moduleAlias('ssl');
  if (mod) return mod;
  edits.push(addImportEdit(file, 'ssl'));
  return 'ssl';
}

export const detector = defineDetector<State>({
  id: 'python.stdlib-deprecated-params',
  summary: 'Deprecated TLS parameters of the standard-library clients, removed in Python 3.12/3.13.',
  docs: `
    Deprecated TLS parameters of the standard-library clients, removed in Python 3.12/3.13:
    \`HTTPSConnection(key_file=, cert_file=, check_hostname=)\`, \`urlopen(cafile=, capath=, cadefault=)\`,
    \`keyfile=\`/\`certfile=\` of SMTP_SSL, starttls, IMAP4_SSL, POP3_SSL, FTP_TLS and NNTP_SSL.
  `,
  rule: 'deprecated-api',
  languages: ['python'],
  apis: [...Object.keys(PARAMS), 'smtplib.SMTP.starttls'],
  tokens: ['key_file', 'cert_file', 'keyfile', 'certfile', 'check_hostname', 'cafile', 'capath', 'cadefault'],
  alsoTokens: ['HTTPSConnection', 'urlopen', 'SMTP_SSL', 'IMAP4_SSL', 'POP3_SSL', 'FTP_TLS', 'NNTP_SSL', 'starttls'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Only calls that pass one of the parameters by keyword are reported, and the keyword is written in them.
    for (const call of nodesAround(file, KEYWORDS, ['call'])) {
      const fn = call.childForFieldName('function');
      let api = nameOf(file, fn, 'ssl');
      let params = api ? PARAMS[api] : undefined;
      // smtplib.SMTP(...).starttls(keyfile=, certfile=), on an SMTP object or one of unknown type.
      if (!params && fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'starttls') {
        const owner = nameOf(file, fn.childForFieldName('object'), 'ssl');
        if (!owner || owner.startsWith('smtplib.')) {
          api = 'smtplib.SMTP.starttls';
          params = ['keyfile', 'certfile'];
        }
      }
      if (!api || !params) continue;
      for (const [key, kw] of callArgs(call).keywords) {
        if (!params.includes(key)) continue;
        const removed = api === 'urllib.request.urlopen' ? '3.13' : '3.12';
        report({
          node: kw,
          message: `\`${api}(${key}=...)\` is deprecated (removed in Python ${removed}): pass an \`ssl.SSLContext\` instead.`,
          state: { call, kw, api, key },
        });
      }
    }
  },
  fix(file, r): Fix | undefined {
    const { call, kw, api, key } = r.state;
    const { keywords, hasSplat } = callArgs(call);
    if (hasSplat) return undefined;
    if (key === 'cadefault') {
      // urlopen ignores cadefault.
      return { title: 'Remove `cadefault=` (ignored)', safety: 'safe', edits: [removeArgumentEdit(file, kw)] };
    }
    if (key === 'check_hostname' && !keywords.has('context')) {
      // The default context checks host names; `check_hostname=False` is also reported as hostname-verification-disabled.
      return {
        title: 'Remove `check_hostname=` (the default context checks host names)',
        safety: 'safe',
        edits: [removeArgumentEdit(file, kw)],
      };
    }
    if ((key === 'cafile' || key === 'capath') && !keywords.has('context')) {
      // urlopen(cafile=X, capath=Y) builds exactly ssl.create_default_context(cafile=X, capath=Y).
      const edits: TextEdit[] = [];
      const mod = sslSpelling(file, edits);
      const first = keywords.get('cafile') ?? keywords.get('capath')!;
      const args = ['cafile', 'capath']
        .filter((k) => keywords.has(k))
        .map((k) => `${k}=${kwValue(keywords.get(k))!.text}`);
      edits.push({
        start: first.startIndex,
        end: first.endIndex,
        newText: `context=${mod}.create_default_context(${args.join(', ')})`,
      });
      const second = first === keywords.get('cafile') ? keywords.get('capath') : undefined;
      if (second) edits.push(removeArgumentEdit(file, second));
      return { title: 'Pass `context=ssl.create_default_context(cafile=...)`', safety: 'safe', edits };
    }
    if (['keyfile', 'certfile', 'key_file', 'cert_file'].includes(key)) {
      // A context made before the statement, with the certificate loaded, passed as `context=`.
      const ctxKey = CONTEXT_KEYWORD[api] ?? 'context';
      const certKw = keywords.get('certfile') ?? keywords.get('cert_file');
      const keyKw = keywords.get('keyfile') ?? keywords.get('key_file');
      const stmt = enclosingStatement(call);
      if (!certKw || keywords.has(ctxKey) || !stmt) return undefined;
      const edits: TextEdit[] = [];
      const mod = sslSpelling(file, edits);
      const name = freshName(file.text);
      const indent = indentAt(file.text, stmt.startIndex);
      const load = `${name}.load_cert_chain(${kwValue(certKw)!.text}${keyKw ? `, ${kwValue(keyKw)!.text}` : ''})`;
      edits.push({
        start: stmt.startIndex,
        end: stmt.startIndex,
        newText: `${name} = ${mod}.create_default_context()\n${indent}${load}\n${indent}`,
      });
      const [first, second] = [certKw, keyKw].filter((n): n is Node => !!n).sort((a, b) => a.startIndex - b.startIndex);
      edits.push({ start: first.startIndex, end: first.endIndex, newText: `${ctxKey}=${name}` });
      if (second) edits.push(removeArgumentEdit(file, second));
      return {
        title: `Pass \`${ctxKey}=\` a default context with the certificate loaded (\`load_cert_chain\`)`,
        safety: 'unsafe',
        edits,
      };
    }
    return undefined;
  },
  examples: {
    python: {
      bad: `
        import urllib.request
        urllib.request.urlopen("https://example.com", cafile="ca.pem")
      `,
      good: `
        import ssl, urllib.request
        urllib.request.urlopen("https://example.com", context=ssl.create_default_context(cafile="ca.pem"))
      `,
    },
  },
});
