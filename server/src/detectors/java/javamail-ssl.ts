import type { Node } from 'web-tree-sitter';
import { invocation, stringValue } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { MAIL_SSL_CHECK_SERVER_IDENTITY } from '../jvm/support/javamail';
import { indentAt } from '../../engine/text';
import type { SourceFile } from '../../engine/types';

function falseValue(node: Node): { edit: Node; text: string } | undefined {
  if (node.type === 'false') return { edit: node, text: 'true' };
  if (node.type === 'string_literal' && node.text === '"false"') return { edit: node, text: '"true"' };
  if (node.type === 'field_access' && node.text.replace(/\s/g, '') === 'Boolean.FALSE')
    return { edit: node, text: 'Boolean.TRUE' };
  return undefined;
}

type State = { edit: Node; text: string } | { after: Node; text: string };

/**
 * Commons Email `email.setSSLOnConnect(true)` / `setStartTLSEnabled(true)` whose receiver never gets
 * `setSSLCheckServerIdentity(true)` in the file: Commons Email does not check the server identity
 * unless asked, so the certificate is not matched to the host name.
 */
function uncheckedCommonsEmail(file: SourceFile, call: Node): Node | undefined {
  const { name, args } = invocation(call);
  if ((name !== 'setSSLOnConnect' && name !== 'setStartTLSEnabled') || args.length !== 1) return undefined;
  if (args[0].type !== 'true') return undefined;
  const receiver = call.childForFieldName('object');
  if (receiver?.type !== 'identifier') return undefined;
  const checked = file.nodes('method_invocation').some((c) => {
    const i = invocation(c);
    return i.name === 'setSSLCheckServerIdentity' && i.object === receiver.text && i.args[0]?.type === 'true';
  });
  return checked ? undefined : receiver;
}

export const detector = defineDetector<State | undefined>({
  id: 'java.javamail-ssl',
  summary: 'JavaMail / Jakarta Mail and Commons Email.',
  docs: `
    JavaMail / Jakarta Mail and Commons Email: \`mail.<protocol>.ssl.checkserveridentity\` set to false
    (or \`Email.setSSLCheckServerIdentity(false)\`), or a Commons Email \`setSSLOnConnect(true)\` /
    \`setStartTLSEnabled(true)\` never followed by \`setSSLCheckServerIdentity(true)\` (its default is
    false), so the mail server's certificate is not matched to its host name. The fix asks for the check.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['java'],
  apis: [
    'javax.mail.Session (mail.*.ssl.checkserveridentity)',
    'jakarta.mail.Session',
    'org.apache.commons.mail.Email.setSSLCheckServerIdentity',
  ],
  tokens: ['checkserveridentity', 'setSSLCheckServerIdentity', 'setSSLOnConnect', 'setStartTLSEnabled'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if ((name === 'put' || name === 'setProperty') && args.length === 2) {
        const key = stringValue(file, args[0]);
        const v = key && MAIL_SSL_CHECK_SERVER_IDENTITY.test(key) ? falseValue(args[1]) : undefined;
        if (v)
          report({
            node: call,
            message: `\`${key}\` is set to false: the mail server's certificate is not matched to its host name.`,
            state: v,
          });
      } else if (uncheckedCommonsEmail(file, call)) {
        const receiver = call.childForFieldName('object')!.text;
        const statement = call.parent?.type === 'expression_statement' ? call.parent : undefined;
        report({
          node: call,
          message: `\`${receiver}.${name}(true)\` without \`${receiver}.setSSLCheckServerIdentity(true)\`: Commons Email does not match the mail server's certificate to its host name.`,
          ...(statement ? { state: { after: statement, text: `${receiver}.setSSLCheckServerIdentity(true);` } } : {}),
        });
      } else if (name === 'setSSLCheckServerIdentity' && args.length === 1) {
        const v = falseValue(args[0]);
        if (v)
          report({
            node: call,
            message:
              "`setSSLCheckServerIdentity(false)`: the mail server's certificate is not matched to its host name.",
            state: v,
          });
      }
    }
  },
  fix(file, r) {
    const s = r.state;
    if (!s) return undefined;
    if ('after' in s)
      return {
        title: `Add \`${s.text}\``,
        safety: 'safe',
        edits: [
          {
            start: s.after.endIndex,
            end: s.after.endIndex,
            newText: `\n${indentAt(file.text, s.after.startIndex)}${s.text}`,
          },
        ],
      };
    return {
      title: 'Check the server identity',
      safety: 'safe',
      edits: [{ start: s.edit.startIndex, end: s.edit.endIndex, newText: s.text }],
    };
  },
  examples: {
    java: {
      bad: `
        import java.util.Properties;

        class Mail {
          Properties props() {
            Properties p = new Properties();
            p.put("mail.smtp.ssl.checkserveridentity", "false");
            return p;
          }
        }
      `,
      good: `
        import java.util.Properties;

        class Mail {
          Properties props() {
            Properties p = new Properties();
            p.put("mail.smtp.ssl.checkserveridentity", "true");
            return p;
          }
        }
      `,
    },
  },
});
