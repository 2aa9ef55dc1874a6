import type { Node } from 'web-tree-sitter';
import { callArgs, nameOf, nodesAround, valueOf } from '../../engine/languages/python';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

const OPTION = 'OPT_X_TLS_REQUIRE_CERT';
/** `NEVER` asks for no certificate; `ALLOW` proceeds with a missing or bad one. */
const INSECURE = new Set(['OPT_X_TLS_NEVER', 'OPT_X_TLS_ALLOW']);

/** The last name segment a node stands for (`ldap.OPT_X_TLS_NEVER`, an alias, a local constant). */
function constantName(file: SourceFile, node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  for (const n of [node, valueOf(file, node)]) {
    if (!n || (n.type !== 'attribute' && n.type !== 'identifier')) continue;
    const last = (nameOf(file, n) ?? n.text).split('.').pop();
    if (last === OPTION || (last && INSECURE.has(last))) return last;
  }
  return undefined;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'python.ldap-tls-require-cert',
  summary: 'python-ldap with `OPT_X_TLS_REQUIRE_CERT` set to `OPT_X_TLS_NEVER` or `OPT_X_TLS_ALLOW`.',
  docs: `
    python-ldap with \`OPT_X_TLS_REQUIRE_CERT\` set to \`OPT_X_TLS_NEVER\` or \`OPT_X_TLS_ALLOW\`:
    \`ldap.set_option(...)\`, \`conn.set_option(...)\`, and option dictionaries such as django-auth-ldap's
    \`AUTH_LDAP_GLOBAL_OPTIONS\` / \`AUTH_LDAP_CONNECTION_OPTIONS\`. The LDAPS or StartTLS connection then
    accepts any server certificate.
  `,
  rule: 'cert-verification-disabled',
  languages: ['python'],
  apis: ['ldap.set_option', 'ldap.ldapobject.LDAPObject.set_option', 'ldap.OPT_X_TLS_REQUIRE_CERT'],
  tokens: [OPTION],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const check = (at: Node, key: Node | undefined, value: Node | undefined) => {
      if (!key || !value || constantName(file, key) !== OPTION) return;
      const name = constantName(file, value);
      if (!name || !INSECURE.has(name)) return;
      report({
        node: at,
        message: `\`${OPTION}\` is set to \`${name}\`: the LDAP server's certificate is ${name === 'OPT_X_TLS_NEVER' ? 'not requested or verified' : 'accepted even when it does not verify'}.`,
        state: { value },
      });
    };
    for (const call of nodesAround(file, [OPTION], ['call'])) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'set_option') continue;
      const { positional } = callArgs(call);
      check(call, positional[0], positional[1]);
    }
    for (const pair of nodesAround(file, [OPTION], ['pair'])) {
      check(pair, pair.childForFieldName('key') ?? undefined, pair.childForFieldName('value') ?? undefined);
    }
  },
  fix(_file, r) {
    const { value } = r.state;
    // Only `module.OPT_X_TLS_NEVER`: a bare imported name or a constant would need an import or a shared change.
    const attr = value.type === 'attribute' ? value.childForFieldName('attribute') : undefined;
    if (!attr || !/^OPT_X_TLS_(NEVER|ALLOW)$/.test(attr.text)) return undefined;
    return {
      title: 'Require a verified certificate (`OPT_X_TLS_DEMAND`; set `OPT_X_TLS_CACERTFILE` and `OPT_X_TLS_NEWCTX`)',
      safety: 'unsafe',
      edits: [{ start: attr.startIndex, end: attr.endIndex, newText: 'OPT_X_TLS_DEMAND' }],
    };
  },
  examples: {
    python: {
      bad: `
        import ldap
        ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_NEVER)
        conn = ldap.initialize("ldaps://ldap.example.com")
      `,
      good: `
        import ldap
        ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT, ldap.OPT_X_TLS_DEMAND)
        ldap.set_option(ldap.OPT_X_TLS_CACERTFILE, "/etc/ssl/certs/ldap-ca.pem")
        conn = ldap.initialize("ldaps://ldap.example.com")
      `,
    },
  },
});
