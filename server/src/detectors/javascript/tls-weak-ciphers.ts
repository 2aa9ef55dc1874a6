import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, intermediateCiphersFix, type WeakReason } from '../../engine/ciphers';
import {
  flowsInto,
  literalString,
  memberName,
  memberValue,
  qualifiedName,
  removeListItemRange,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

interface State {
  value: Node;
  text: string;
  reasons: WeakReason[];
  /** The `ciphers` member, for the fallback fix that drops it (Node's default list applies). */
  member?: Node | undefined;
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-weak-ciphers',
  summary: 'Cipher strings that enable weak suites.',
  docs: `
    Cipher strings that enable weak suites: \`ciphers: 'ALL'\`, nodemailer's infamous \`ciphers: 'SSLv3'\`,
    \`tls.DEFAULT_CIPHERS = '...'\`. Strings are evaluated the way OpenSSL evaluates them (engine/ciphers.ts).
  `,
  rule: 'weak-cipher',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'tls.connect',
    'tls.createServer',
    'tls.createSecureContext',
    'https.Agent',
    'https.createServer',
    'tls.DEFAULT_CIPHERS',
    'nodemailer.createTransport',
  ],
  tokens: ['ciphers', 'DEFAULT_CIPHERS'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const check = (value: Node, where: string, member?: Node) => {
      const s = stringValue(file, value);
      if (s === undefined) return;
      const a = analyzeCipherString(s);
      if (a.reasons.length === 0) return;
      report({
        node: unwrap(value) ?? value,
        message: `${where}'${s.length <= 40 ? s : s.slice(0, 37) + '...'}'\` enables ${describeWeakness(a.reasons)} cipher suites.`,
        state: { value, text: s, reasons: a.reasons, member },
      });
    };
    for (const member of file.nodes('pair')) {
      if (member.parent?.type !== 'object' || memberName(member) !== 'ciphers') continue;
      const value = memberValue(member);
      if (!value) continue;
      const api = flowsInto(file, member.parent)?.shown;
      check(value, api ? `\`${api}\` option \`ciphers: ` : '`ciphers: ', member);
    }
    for (const asg of file.nodes('assignment_expression')) {
      const left = unwrap(asg.childForFieldName('left'));
      const right = asg.childForFieldName('right');
      if (
        left?.type !== 'member_expression' ||
        left.childForFieldName('property')?.text !== 'DEFAULT_CIPHERS' ||
        !right
      )
        continue;
      const owner = qualifiedName(file, left.childForFieldName('object'));
      if (owner !== undefined && owner !== 'tls') continue;
      check(right, '`tls.DEFAULT_CIPHERS = ');
    }
  },
  fix(file, r) {
    const { value, text, reasons, member } = r.state;
    // Dropping the option gives Node's own default list: the idiom, but a different set of suites.
    const fallback = member
      ? {
          title: "Remove `ciphers` (use Node's default list)",
          safety: 'unsafe' as const,
          edits: [{ ...removeListItemRange(file, member), newText: '' }],
        }
      : undefined;
    // Only a plain literal is rewritten, and as a whole: Mozilla's intermediate list replaces it (never
    // a patch of exclusions appended after the weak suites). Unsafe: old peers may stop connecting.
    const v = unwrap(value);
    if (!v || (v.type !== 'string' && v.type !== 'template_string') || literalString(v) !== text) return fallback;
    if (!reasons.length) return fallback;
    return intermediateCiphersFix(v, v.text[0]);
  },
  examples: {
    javascript: {
      bad: `
        const tls = require('tls');
        tls.createServer({ key, cert, ciphers: 'ALL' });
      `,
      good: `
        const tls = require('tls');
        tls.createServer({ key, cert, ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256' });
      `,
    },
  },
});
