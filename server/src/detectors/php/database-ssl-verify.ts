import type { Node } from 'web-tree-sitter';
import { argValues, arrayPairs, callName, inComparison, isFalsy } from '../../engine/languages/php';
import { defineDetector } from '../../engine/detector';

export const detector = defineDetector<{ node: Node; text: string }>({
  id: 'php.database-ssl-verify',
  summary: `Database clients told not to verify the server's certificate.`,
  docs: `
    Database clients told not to verify the server's certificate: PDO's
    \`PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => false\`, mysqli's \`MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT\` flag
    and its \`mysqli_options($link, MYSQLI_OPT_SSL_VERIFY_SERVER_CERT, false)\` (\`$mysqli->options(...)\`) option.
  `,
  rule: 'cert-verification-disabled',
  languages: ['php'],
  apis: [
    'PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT',
    'Pdo\\Mysql::ATTR_SSL_VERIFY_SERVER_CERT',
    'mysqli_real_connect(MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT)',
    'mysqli_options(MYSQLI_OPT_SSL_VERIFY_SERVER_CERT)',
  ],
  tokens: ['SSL_VERIFY_SERVER_CERT'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const pair of arrayPairs(file)) {
      const key = pair.name;
      if (
        key &&
        /(^|::)(MYSQL_)?ATTR_SSL_VERIFY_SERVER_CERT$/.test(key) &&
        isFalsy(file, pair.value) &&
        pair.value.type !== 'null'
      ) {
        report({
          node: pair.el,
          message: `\`${key}\` is set to ${pair.value.text}: the database server's certificate is not verified.`,
          state: { node: pair.value, text: 'true' },
        });
      }
    }
    for (const call of file.nodes('function_call_expression', 'member_call_expression')) {
      const name = callName(call);
      const args = argValues(call);
      // `mysqli_options($link, MYSQLI_OPT_SSL_VERIFY_SERVER_CERT, false)` / `$mysqli->options(MYSQLI_OPT_..., false)`.
      const [option, value] = name === 'mysqli_options' ? args.slice(1) : name === 'options' ? args : [];
      if (!option || !value || !/(^|\\)MYSQLI_OPT_SSL_VERIFY_SERVER_CERT$/.test(option.text)) continue;
      if (value.type === 'null' || !isFalsy(file, value)) continue;
      report({
        node: call,
        message: `\`MYSQLI_OPT_SSL_VERIFY_SERVER_CERT\` is set to ${value.text}: the database server's certificate is not verified.`,
        state: { node: value, text: 'true' },
      });
    }
    for (const n of file.nodes('name')) {
      if (n.text !== 'MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT' || inComparison(n)) continue;
      const target = n.parent?.type === 'qualified_name' ? n.parent : n;
      if (target.parent?.type === 'const_element') continue;
      report({
        node: target,
        message:
          "`MYSQLI_CLIENT_SSL_DONT_VERIFY_SERVER_CERT` connects over TLS without verifying the server's certificate.",
        state: { node: target, text: 'MYSQLI_CLIENT_SSL' },
      });
    }
  },
  fix(_file, r) {
    const s = r.state;
    return {
      title: `Verify the server's certificate (\`${s.text}\`)`,
      safety: 'safe',
      edits: [{ start: s.node.startIndex, end: s.node.endIndex, newText: s.text }],
    };
  },
  examples: {
    php: {
      bad: `
        <?php
        $pdo = new PDO($dsn, $user, $pass, [PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => false]);
      `,
      good: `
        <?php
        $pdo = new PDO($dsn, $user, $pass, [PDO::MYSQL_ATTR_SSL_VERIFY_SERVER_CERT => true]);
      `,
    },
  },
});
