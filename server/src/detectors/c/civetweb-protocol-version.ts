import type { Node } from 'web-tree-sitter';
import { defineDetector } from '../../engine/detector';

/** civetweb's `ssl_protocol_version` values below 4 (TLS 1.2 and later) and the oldest protocol each allows. */
const ALLOWS: Record<string, string> = { '0': 'SSLv2', '1': 'SSLv3', '2': 'TLS 1.0', '3': 'TLS 1.1' };

/** The string literal's content when it is a plain one (no escape, no concatenation). */
function content(node: Node | null | undefined): string | undefined {
  if (node?.type !== 'string_literal') return undefined;
  const kids = node.namedChildren.filter((c): c is Node => !!c);
  if (kids.some((c) => c.type !== 'string_content')) return undefined;
  return kids.map((c) => c.text).join('');
}

/** The next element after `node` in its list, comments skipped. */
function nextElement(node: Node): Node | undefined {
  let n = node.nextNamedSibling;
  while (n?.type === 'comment') n = n.nextNamedSibling;
  return n ?? undefined;
}

/** `OPTIONS[n++] = "ssl_protocol_version";` then `OPTIONS[n++] = "3";`: the value the next statement stores in that array. */
function nextStored(name: Node): Node | undefined {
  const asg = name.parent;
  const left = asg?.type === 'assignment_expression' ? asg.childForFieldName('left') : undefined;
  if (left?.type !== 'subscript_expression' || asg?.childForFieldName('right')?.id !== name.id) return undefined;
  const array = left.childForFieldName('argument')?.text;
  const statement = asg.parent;
  if (statement?.type !== 'expression_statement') return undefined;
  const next = nextElement(statement);
  const e = next?.type === 'expression_statement' ? next.namedChildren[0] : undefined;
  const l = e?.type === 'assignment_expression' ? e.childForFieldName('left') : undefined;
  if (l?.type !== 'subscript_expression' || l.childForFieldName('argument')?.text !== array) return undefined;
  return e?.childForFieldName('right') ?? undefined;
}

export const detector = defineDetector<{ value: Node }>({
  id: 'c.civetweb-protocol-version',
  summary:
    'civetweb (and its embedders) given an `ssl_protocol_version` option below 4, which lets the server accept SSL or TLS below 1.2.',
  docs: `
    civetweb's options are pairs of strings, in an array handed to \`mg_start\` (or \`mg_start2\`,
    \`CivetServer\`): \`"ssl_protocol_version", "3"\`. The value is the oldest protocol the server accepts:
    0 allows SSLv2, 1 SSLv3, 2 TLS 1.0, 3 TLS 1.1; 4 (TLS 1.2 and 1.3) and 5 (TLS 1.3) are current. A value
    built at run time, the option name alone (a documentation table, a lookup) or a call's arguments are not reported. The fix
    writes \`"4"\` (unsafe: clients limited to old protocols can no longer connect).
  `,
  rule: 'legacy-protocol',
  languages: ['c', 'cpp'],
  apis: ['mg_start', 'CivetServer'],
  tokens: ['ssl_protocol_version'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const name of file.nodes('string_literal')) {
      if (content(name) !== 'ssl_protocol_version') continue;
      const list = name.parent;
      // An array of options (C, or a C++ braced list), or one filled element by element; not a call's
      // arguments (`printf("%s", "ssl_protocol_version", ...)`).
      const value = list?.type === 'initializer_list' ? nextElement(name) : nextStored(name);
      const v = content(value);
      if (!value || v === undefined || !(v in ALLOWS)) continue;
      report({
        node: value,
        message: `civetweb's \`ssl_protocol_version\` is "${v}": the server accepts ${ALLOWS[v]} and later, where TLS 1.2 ("4") is the minimum.`,
        state: { value },
      });
    }
  },
  fix(_file, r) {
    return {
      title: 'Accept TLS 1.2 and later (`"4"`)',
      safety: 'unsafe',
      edits: [{ start: r.state.value.startIndex, end: r.state.value.endIndex, newText: '"4"' }],
    };
  },
  examples: {
    c: {
      bad: `
        const char *options[] = {"listening_ports", "443s", "ssl_protocol_version", "2", NULL};
      `,
      good: `
        const char *options[] = {"listening_ports", "443s", "ssl_protocol_version", "4", NULL};
      `,
    },
  },
});
