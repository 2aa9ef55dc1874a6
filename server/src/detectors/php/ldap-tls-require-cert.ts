import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, intValue, plainName, resolve, stringValue } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

const OPTION = 'LDAP_OPT_X_TLS_REQUIRE_CERT';
/** `NEVER` (0) asks for no certificate; `ALLOW` (3) proceeds with a missing or bad one. */
const INSECURE = new Map([
  ['LDAP_OPT_X_TLS_NEVER', 0],
  ['LDAP_OPT_X_TLS_ALLOW', 3],
]);

/** The insecure mode a value names (`LDAP_OPT_X_TLS_NEVER`, `\LDAP_OPT_X_TLS_ALLOW`, 0, 3), or undefined. */
function insecureMode(file: SourceFile, value: Node): string | undefined {
  for (const n of [value, resolve(file, value)]) {
    const name = plainName(n);
    if (name && INSECURE.has(name)) return name;
  }
  const n = intValue(file, value);
  for (const [k, v] of INSECURE) if (n === v) return k;
  return undefined;
}

export const detector = defineDetector<{ value: Node } | undefined>({
  id: 'php.ldap-tls-require-cert',
  summary: "PHP's LDAP extension told to accept any server certificate.",
  docs: `
    PHP's LDAP extension told to accept any server certificate: \`ldap_set_option($ds,
    LDAP_OPT_X_TLS_REQUIRE_CERT, LDAP_OPT_X_TLS_NEVER)\` (or \`_ALLOW\`, 0, 3), the same pair in an options
    array (LdapRecord/Adldap2 \`'options' => [...]\`), and \`putenv('LDAPTLS_REQCERT=never')\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: ['ldap_set_option', 'LDAP_OPT_X_TLS_REQUIRE_CERT', "putenv('LDAPTLS_REQCERT=never')"],
  tokens: [OPTION, 'LDAPTLS_REQCERT'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const message = (mode: string) =>
      `\`${OPTION}\` is set to \`${mode}\`: the LDAP server's certificate is ${mode === 'LDAP_OPT_X_TLS_NEVER' ? 'not requested or verified' : 'accepted even when it does not verify'}.`;
    for (const call of file.nodes('function_call_expression')) {
      const name = callName(call);
      const args = argValues(call);
      if (name === 'ldap_set_option' && args.length >= 3 && plainName(args[1]) === OPTION) {
        const mode = insecureMode(file, args[2]);
        if (mode) report({ node: call, message: message(mode), state: { value: args[2] } });
      } else if (name === 'putenv' && args[0]) {
        const text = stringValue(args[0]) ?? '';
        const m = /^LDAPTLS_REQCERT=(never|allow)$/i.exec(text.trim());
        if (m)
          report({
            node: call,
            message: `\`LDAPTLS_REQCERT=${m[1]}\`: OpenLDAP then accepts any LDAP server certificate in this process.`,
            state: undefined,
          });
      }
    }
    for (const pair of arrayPairs(file)) {
      if (pair.name !== OPTION) continue;
      const mode = insecureMode(file, pair.value);
      if (mode) report({ node: pair.el, message: message(mode), state: { value: pair.value } });
    }
  },
  fix(_file, r) {
    const value = r.state?.value;
    if (!value) return undefined;
    return {
      title: 'Require a verified certificate (`LDAP_OPT_X_TLS_DEMAND`; set `LDAP_OPT_X_TLS_CACERTFILE`)',
      safety: 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'LDAP_OPT_X_TLS_DEMAND' }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $ds = ldap_connect('ldaps://ldap.example.com');
        ldap_set_option($ds, LDAP_OPT_X_TLS_REQUIRE_CERT, LDAP_OPT_X_TLS_NEVER);
      `,
      good: `
        <?php
        $ds = ldap_connect('ldaps://ldap.example.com');
        ldap_set_option($ds, LDAP_OPT_X_TLS_REQUIRE_CERT, LDAP_OPT_X_TLS_DEMAND);
      `,
    },
  },
});
