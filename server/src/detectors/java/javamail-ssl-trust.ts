import { invocation, stringValue } from '../../engine/languages/java';
import { defineDetector } from '../../engine/detector';
import { MAIL_SSL_TRUST } from '../jvm/support/javamail';

export const detector = defineDetector({
  id: 'java.javamail-ssl-trust',
  summary: 'JavaMail / Jakarta Mail.',
  docs: `
    JavaMail / Jakarta Mail: \`mail.<protocol>.ssl.trust\` set to "*", which trusts every host's
    certificate without verifying it; and Commons Email's \`MailSSLSocketFactory.setTrustAllHosts(true)\`.
    No fix: the right value is the mail server's host name, which only the author knows.
  `,
  rule: 'cert-verification-disabled',
  languages: ['java'],
  apis: ['javax.mail.Session (mail.*.ssl.trust)', 'com.sun.mail.util.MailSSLSocketFactory.setTrustAllHosts'],
  tokens: ['.ssl.trust', 'setTrustAllHosts'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const call of file.nodes('method_invocation')) {
      const { name, args } = invocation(call);
      if ((name === 'put' || name === 'setProperty') && args.length === 2) {
        const key = stringValue(file, args[0]);
        if (key && MAIL_SSL_TRUST.test(key) && stringValue(file, args[1])?.trim() === '*') {
          report({
            node: call,
            message: `\`${key}\` is "*": every mail server's certificate is trusted without verification.`,
          });
        }
      } else if (name === 'setTrustAllHosts' && args.length === 1 && args[0].type === 'true') {
        report({
          node: call,
          message: '`MailSSLSocketFactory.setTrustAllHosts(true)` trusts every certificate without verification.',
        });
      }
    }
  },
  examples: {
    java: {
      bad: `
        import java.util.Properties;

        class Mail {
          void f(Properties p) {
            p.put("mail.smtp.ssl.trust", "*");
          }
        }
      `,
      good: `
        import java.util.Properties;

        class Mail {
          void f(Properties p) {
            p.put("mail.smtp.ssl.trust", "smtp.example.com");
          }
        }
      `,
    },
  },
});
