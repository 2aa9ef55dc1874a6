// Client-side ssl contexts: whether an object may be one, unverified contexts handed inline to a
// standard-library client, and the verifying context a fix puts in their place.
import type { Node } from 'web-tree-sitter';
import {
  addImportEdit,
  callArgs,
  dottedText,
  inRange,
  isServerContextCall,
  kwValue,
  methodCallsOn,
  nameOf,
  pythonModel,
  rangeOf,
  sslContextCall,
  valueOf,
} from '../../../engine/languages/python';
import type { SourceFile, TextEdit } from '../../../engine/types';

/** Whether the context held by `target` is used server-side in its scope: `wrap_socket(..., server_side=True)`. */
function usedServerSide(file: SourceFile, target: Node): boolean {
  const key = dottedText(target);
  if (!key) return false;
  const scope = rangeOf(pythonModel(file).scopeOf(target, key));
  return methodCallsOn(file, key).some(({ method: m, call: c }) => {
    if ((m !== 'wrap_socket' && m !== 'wrap_bio') || !inRange(scope, c)) return false;
    const { keywords, positional } = callArgs(c);
    const side = kwValue(keywords.get('server_side')) ?? positional[m === 'wrap_socket' ? 1 : 2];
    return valueOf(file, side)?.type === 'true';
  });
}

const MOCKS = /(?:^|\.)(?:(?:NonCallable)?(?:Magic|Async)?Mock|create_autospec)$/;

/**
 * Whether the object is a test double (`ctx = MagicMock()`, `mocker.Mock(spec=ssl.SSLContext)`,
 * `create_autospec(ssl.SSLContext)`): an attribute set on it is a test's input, not configuration.
 */
function isMock(file: SourceFile, obj: Node): boolean {
  const value = obj.type === 'identifier' ? valueOf(file, obj, 'scoped') : undefined;
  const fn = value?.type === 'call' ? value.childForFieldName('function') : undefined;
  if (!fn) return false;
  return MOCKS.test(nameOf(file, fn) ?? '') || MOCKS.test(fn.text);
}

/** Functions named for making an ssl context: `create_ssl_context`, `make_tls_context`, `ssl_context`. */
const CONTEXT_FACTORY = /^_*(?:(?:create|make|build|new|get|default|client)_?)?(?:ssl|tls)_?(?:client_?)?context$/i;

/** Whether the local or attribute holds the result of a call to a function named for making an ssl context. */
function fromContextFactory(file: SourceFile, obj: Node): boolean {
  const value = obj.type === 'identifier' || obj.type === 'attribute' ? valueOf(file, obj, 'scoped') : undefined;
  const fn = value?.type === 'call' ? value.childForFieldName('function') : undefined;
  const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  return !!last && CONTEXT_FACTORY.test(last);
}

/** Whether the object is an ssl context, or of unknown type; not a server-side context, not another library's object. */
export function maybeClientContext(file: SourceFile, obj: Node): boolean {
  if (usedServerSide(file, obj)) return false;
  // `self.check_hostname = False` in a class of its own (a wrapper that mimics SSLContext) sets that
  // class's attribute, not an ssl context's; a subclass of SSLContext still counts.
  if (obj.type === 'identifier' && obj.text === 'self') {
    let cls: Node | null = obj.parent;
    while (cls && cls.type !== 'class_definition') cls = cls.parent;
    const bases = cls?.childForFieldName('superclasses')?.namedChildren ?? [];
    if (cls && !bases.some((b) => !!b && /(?:^|\.)SSLContext$/.test(nameOf(file, b, 'ssl') ?? b.text))) return false;
  }
  if (isMock(file, obj)) return false;
  const info = sslContextCall(file, obj);
  if (info) return !isServerContextCall(file, info.call, info.factory);
  // Made by a context factory of the project or another library (`create_ssl_context(cafile=...)`,
  // `helpers.get_tls_context()`): an ssl context by its name.
  if (fromContextFactory(file, obj)) return true;
  // A name that resolves to something known and not an ssl context (another library's object, a module).
  const q = nameOf(file, obj);
  return q === undefined || q.startsWith('ssl.');
}

/** Client constructors and functions, with the keyword that takes an SSLContext. */
export const CLIENTS: Record<string, string> = {
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
export function unverifiedKind(file: SourceFile, value: Node): string | undefined {
  if (value.type !== 'call') return undefined;
  const name = nameOf(file, value.childForFieldName('function'), 'ssl');
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
    const proto = nameOf(file, p, 'ssl') ?? '';
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
  const name = nameOf(file, fn, 'ssl');
  if (name && CLIENTS[name] === key) return { call, api: name, keyword: kw };
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if (method && METHODS[method]?.includes(key)) return { call, api: name ?? `.${method}`, keyword: kw };
  return undefined;
}

/** Whether a context-making call is passed inline to a known client (this detector reports it there). */
export function isInlineClientContext(file: SourceFile, call: Node): boolean {
  return !!clientContextArg(file, call) && !!unverifiedKind(file, call);
}

/**
 * `create_default_context` spelled for a fix replacing the context factory `call`: through the same
 * module alias the call uses (`s._create_unverified_context()` gives `s.create_default_context`), else as
 * the file imports it, else through the file's `ssl` (pushing an `import ssl` onto `edits` when it has none).
 */
export function defaultContextSpelling(file: SourceFile, call: Node, edits: TextEdit[]): string {
  const fn = call.childForFieldName('function');
  const spelled =
    fn?.type === 'attribute'
      ? `${fn.childForFieldName('object')!.text}.create_default_context`
      : pythonModel(file).spellingOf('ssl.create_default_context');
  if (spelled) return spelled;
  const mod = pythonModel(file).moduleAlias('ssl');
  if (!mod) edits.push(addImportEdit(file, 'ssl'));
  return `${mod ?? 'ssl'}.create_default_context`;
}
