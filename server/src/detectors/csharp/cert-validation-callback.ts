import type { Node } from 'web-tree-sitter';
import { foreignTrustAllCallback, isTrustAllCallback, lastName } from '../../engine/languages/csharp';
import { defineDetector } from '../../engine/detector';
import type { TextEdit } from '../../engine/types';

const PROPERTIES = [
  'ServerCertificateValidationCallback',
  'ServerCertificateCustomValidationCallback',
  'RemoteCertificateValidationCallback',
  'ServerCertificateValidation',
  'CertificateValidationCallback',
];
const STREAMS = ['SslStream'];
/** Delegate types whose value is a server-certificate validation callback. */
const DELEGATE_TYPES = ['RemoteCertificateValidationCallback'];

/**
 * Members of other libraries that take the same callback: StackExchange.Redis
 * `ConfigurationOptions.CertificateValidation`, MySqlConnector/Npgsql `RemoteCertificateValidationCallback`
 * and `UserCertificateValidationCallback`, MailKit's `ServerCertificateValidationCallback`. The value
 * must still be a callback that accepts everything.
 */
const CALLBACK_MEMBER = /CertificateValidation(Callback|Handler)?$|CertificateValidator$/;

/**
 * Builder methods that take the callback: MQTTnet `WithCertificateValidationHandler`, Elastic's
 * `ServerCertificateValidationCallback(...)`, `SetRemoteCertificateValidationCallback`...
 */
const CALLBACK_METHOD = /^(With|Set|Use)?\w*CertificateValidation(Callback|Handler)?$/;

/** Parameter names of a server-certificate validation callback (`serverCertificateValidationCallback:`). */
const NAMED_ARGUMENT = /^(server|remote|user)?CertificateValidation(Callback|Handler)$/i;

type State = { edit: TextEdit; title: string };

function lineRemoval(text: string, stmt: Node): TextEdit {
  const lineStart = text.lastIndexOf('\n', stmt.startIndex - 1) + 1;
  const before = text.slice(lineStart, stmt.startIndex);
  const end = stmt.endIndex;
  const nl = text.indexOf('\n', end);
  const rest = text.slice(end, nl < 0 ? text.length : nl);
  if (/^\s*$/.test(before) && /^\s*$/.test(rest))
    return { start: lineStart, end: nl < 0 ? text.length : nl + 1, newText: '' };
  return { start: stmt.startIndex, end, newText: '' };
}

export const detector = defineDetector<State | undefined>({
  id: 'csharp.cert-validation-callback',
  summary: 'Certificate validation callbacks that accept everything.',
  docs: `
    Certificate validation callbacks that accept everything: \`ServicePointManager.ServerCertificateValidationCallback\`,
    \`HttpClientHandler.ServerCertificateCustomValidationCallback\`, \`SslStream\`'s \`RemoteCertificateValidationCallback\`,
    \`SslClientAuthenticationOptions.RemoteCertificateValidationCallback\` set to \`=> true\`, \`delegate { return true; }\`,
    a method of the file that only returns true, or \`HttpClientHandler.DangerousAcceptAnyServerCertificateValidator\`;
    a static callback of another file's class (\`CertHelpers.AcceptAll\`, found by the \`<Class>.cs\` convention),
    reported with the callback as related location;
    also the same callback given to other libraries' members (StackExchange.Redis \`CertificateValidation\`,
    MySqlConnector and Npgsql \`RemoteCertificateValidationCallback\`/\`UserCertificateValidationCallback\`),
    a named argument such as \`serverCertificateValidationCallback:\` of any call (MongoDB's \`SslStreamSettings.With\`),
    MQTTnet \`CertificateValidationHandler\` and \`WithCertificateValidationHandler(_ => true)\`, Elastic's
    \`ServerCertificateValidationCallback(CertificateValidations.AllowAll)\`), and a field or local of type
    \`RemoteCertificateValidationCallback\` initialised to such a callback and used (reported once: at the
    member it is assigned to when that is one of the above, else here).
  `,
  rule: 'cert-verification-disabled',
  languages: ['csharp'],
  apis: [
    'ServicePointManager.ServerCertificateValidationCallback',
    'HttpClientHandler.ServerCertificateCustomValidationCallback',
    'HttpClientHandler.DangerousAcceptAnyServerCertificateValidator',
    'SslStream(..., RemoteCertificateValidationCallback)',
    'SslClientAuthenticationOptions.RemoteCertificateValidationCallback',
  ],
  tokens: [
    'ValidationCallback',
    'DangerousAcceptAnyServerCertificateValidator',
    'SslStream',
    'ServerCertificateValidation',
    'CertificateValidation',
    'CertificateValidator',
  ],
  fixAvailability: 'sometimes',
  detect(file, report) {
    // Names of callbacks whose use (`x.Callback = TrustAll`) is reported: their declaration is not, too.
    const reportedUses = new Set<string>();
    for (const asg of file.nodes('assignment_expression')) {
      const op =
        asg.childForFieldName('operator')?.text ?? asg.children.find((c) => c?.type === '=' || c?.type === '+=')?.text;
      const left = asg.childForFieldName('left');
      const name = lastName(left);
      if (!name || !(PROPERTIES.includes(name) || CALLBACK_MEMBER.test(name))) continue;
      if (op !== undefined && op !== '=' && op !== '+=') continue;
      if (!isTrustAllCallback(file, asg.childForFieldName('right'))) continue;
      const rightName = lastName(asg.childForFieldName('right'));
      if (rightName) reportedUses.add(rightName);
      const parent = asg.parent;
      let state: State | undefined;
      if (parent?.type === 'expression_statement') {
        state = {
          edit: lineRemoval(file.text, parent),
          title: `Remove the callback and keep the platform's certificate validation`,
        };
      } else if (parent?.type === 'initializer_expression') {
        const next = asg.nextSibling;
        const prev = asg.previousSibling;
        const edit: TextEdit =
          next?.type === ','
            ? {
                start: asg.startIndex,
                end: next.nextSibling ? next.nextSibling.startIndex : next.endIndex,
                newText: '',
              }
            : prev?.type === ','
              ? { start: prev.startIndex, end: asg.endIndex, newText: '' }
              : { start: asg.startIndex, end: asg.endIndex, newText: '' };
        state = { edit, title: `Remove \`${name}\` and keep the platform's certificate validation` };
      }
      // A callback of another file's class: named there as the related location (no fix edits across files).
      const origin = foreignTrustAllCallback(file, asg.childForFieldName('right')!);
      report({
        node: asg,
        message: `\`${left!.text}\` is set to a callback that accepts every certificate: the server's certificate is not validated.`,
        state: origin ? undefined : state,
        related: origin && [origin],
      });
    }
    // `static readonly RemoteCertificateValidationCallback TrustAll = (s, c, ch, e) => true;`: a field or local
    // of the delegate type, initialised to a callback that accepts everything (Npgsql's SslMode.Require).
    for (const decl of file.nodes('variable_declaration')) {
      const type = decl.childForFieldName('type') ?? decl.namedChildren[0];
      if (!type || !DELEGATE_TYPES.includes(lastName(type) ?? '')) continue;
      for (const declarator of decl.namedChildren) {
        if (declarator?.type !== 'variable_declarator') continue;
        const value = declarator.namedChildren[declarator.namedChildCount - 1];
        if (!value || value.type === 'identifier' || !isTrustAllCallback(file, value)) continue;
        const name = declarator.childForFieldName('name') ?? declarator.namedChildren[0];
        // Reported where it is used instead; or never used at all (a setting with no effect).
        if (!name || reportedUses.has(name.text)) continue;
        if (!file.nodes('identifier').some((id) => id.text === name.text && id.id !== name.id)) continue;
        report({
          node: declarator,
          message: `\`${name?.text ?? lastName(type)}\` is a \`${lastName(type)}\` that accepts every certificate: wherever it is used, the server's certificate is not validated.`,
        });
      }
    }
    // o.WithCertificateValidationHandler(_ => true): a builder method given the callback as its only argument.
    for (const call of file.nodes('invocation_expression')) {
      const method = lastName(call.childForFieldName('function'));
      if (!method || !CALLBACK_METHOD.test(method)) continue;
      const args =
        call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c?.type === 'argument') ?? [];
      const value = args.length === 1 ? args[0].namedChildren[args[0].namedChildCount - 1] : undefined;
      if (!value || !isTrustAllCallback(file, value)) continue;
      report({
        node: value,
        message: `\`${method}\` is given a callback that accepts every certificate: the server's certificate is not validated.`,
      });
    }
    // A named argument of any call or constructor (`ssl.With(serverCertificateValidationCallback: ...)`,
    // `new SslClientAuthenticationOptions { }`-style factories): the parameter name says what it is.
    for (const arg of file.nodes('argument')) {
      const argName = arg.childForFieldName('name')?.text;
      if (!argName || !NAMED_ARGUMENT.test(argName)) continue;
      const owner = arg.parent?.parent;
      if (
        owner?.type === 'object_creation_expression' &&
        STREAMS.includes(lastName(owner.childForFieldName('type')) ?? '')
      )
        continue;
      const value = arg.namedChildren[arg.namedChildCount - 1];
      if (!value || value.id === arg.childForFieldName('name')?.id || !isTrustAllCallback(file, value)) continue;
      const origin = foreignTrustAllCallback(file, value);
      report({
        related: origin && [origin],
        node: value,
        message: `\`${argName}\` is given a callback that accepts every certificate: the server's certificate is not validated.`,
        state: origin
          ? undefined
          : {
              edit: { start: value.startIndex, end: value.endIndex, newText: 'null' },
              title: "Pass no callback and keep the platform's certificate validation",
            },
      });
    }
    // new SslStream(inner, leaveOpen, (s, c, ch, e) => true) and named `userCertificateValidationCallback:`.
    for (const creation of file.nodes('object_creation_expression')) {
      if (!STREAMS.includes(lastName(creation.childForFieldName('type')) ?? '')) continue;
      const args =
        creation.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => c?.type === 'argument') ?? [];
      let arg = args.find((a) => a.childForFieldName('name')?.text === 'userCertificateValidationCallback');
      if (!arg && args.length >= 3 && !args[2].childForFieldName('name')) arg = args[2];
      const value = arg?.namedChildren[arg.namedChildCount - 1];
      if (arg && value && isTrustAllCallback(file, value)) {
        const origin = foreignTrustAllCallback(file, value);
        report({
          related: origin && [origin],
          node: value,
          message:
            "`SslStream` is given a validation callback that accepts every certificate: the server's certificate is not validated.",
          state: origin
            ? undefined
            : {
                edit: { start: value.startIndex, end: value.endIndex, newText: 'null' },
                title: "Pass no callback and keep the platform's certificate validation",
              },
        });
      }
    }
  },
  fix(_file, r) {
    const s = r.state;
    return s ? { title: s.title, safety: 'unsafe', edits: [s.edit] } : undefined;
  },
  examples: {
    csharp: {
      bad: `
        using System.Net;
        class A { void F() { ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => true; } }
      `,
      good: `
        using System.Net;
        class A { void F() { ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => e == System.Net.Security.SslPolicyErrors.None; } }
      `,
    },
  },
});
