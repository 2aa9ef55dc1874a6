import type { Node } from 'web-tree-sitter';
import { invocation, stringValue } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';

const KEY = /^mail\.(smtps?|imaps?|pop3s?)\.ssl\.checkserveridentity$/;

function falseValue(node: Node): { edit: Node; text: string } | undefined {
  if (node.type === 'false') return { edit: node, text: 'true' };
  if (node.type === 'string_literal' && node.text === '"false"') return { edit: node, text: '"true"' };
  if (node.type === 'field_access' && node.text.replace(/\s/g, '') === 'Boolean.FALSE')
    return { edit: node, text: 'Boolean.TRUE' };
  return undefined;
}

export const detector = defineDetector<{ edit: Node; text: string }>({
  id: 'java.javamail-ssl',
  summary: 'JavaMail / Jakarta Mail and Commons Email.',
  docs: `
    JavaMail / Jakarta Mail and Commons Email: \`mail.<protocol>.ssl.checkserveridentity\` set to false
    (or \`Email.setSSLCheckServerIdentity(false)\`), so the mail server's certificate is not matched to
    its host name. The fix sets it to true.
  `,
  rule: 'hostname-verification-disabled',
  languages: ['java'],
  apis: [
    'javax.mail.Session (mail.*.ssl.checkserveridentity)',
    'jakarta.mail.Session',
    'org.apache.commons.mail.Email.setSSLCheckServerIdentity',
  ],
  tokens: ['checkserveridentity', 'setSSLCheckServerIdentity'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if ((name === 'put' || name === 'setProperty') && args.length === 2) {
        const key = stringValue(file, args[0]);
        const v = key && KEY.test(key) ? falseValue(args[1]) : undefined;
        if (v)
          report({
            node: call,
            message: `\`${key}\` is set to false: the mail server's certificate is not matched to its host name.`,
            state: v,
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
  fix(_file, r) {
    const { edit, text } = r.state;
    return {
      title: 'Check the server identity',
      safety: 'safe',
      edits: [{ start: edit.startIndex, end: edit.endIndex, newText: text }],
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
