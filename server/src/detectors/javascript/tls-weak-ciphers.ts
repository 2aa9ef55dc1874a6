import type { Node } from 'web-tree-sitter';
import { analyzeCipherString, describeWeakness, type WeakReason } from '../../engine/ciphers';
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

/** The OpenSSL exclusion that removes each weakness for good. */
const EXCLUDE: Record<WeakReason, string> = {
  NULL: '!eNULL',
  anonymous: '!aNULL',
  EXPORT: '!EXPORT',
  RC4: '!RC4',
  DES: '!DES',
  '3DES': '!3DES',
  RC2: '!RC2',
  IDEA: '!IDEA',
  SEED: '!SEED',
  MD5: '!MD5',
};

interface State {
  value: Node;
  text: string;
  reasons: WeakReason[];
  /** The `ciphers` member, for the fallback fix that drops it (Node's default list applies). */
  member?: Node;
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
    // Only a plain literal is rewritten: appending OpenSSL exclusions keeps every strong suite the
    // string chose, in its order, and drops just the weak ones (unless nothing would remain).
    const v = unwrap(value);
    if (!v || (v.type !== 'string' && v.type !== 'template_string') || literalString(v) !== text) return fallback;
    const suffix = reasons.map((x) => EXCLUDE[x]).join(':');
    const next = text.replace(/(?<![:\s])[:\s]+$/, '') + (text.trim() ? ':' : '') + suffix;
    const after = analyzeCipherString(next);
    if (after.reasons.length > 0 || after.enabled.length === 0) return fallback;
    const raw = v.text;
    const body = raw.slice(1, -1).replace(/(?<![:\s])[:\s]+$/, '');
    return {
      title: `Exclude the weak suites (\`${suffix}\`)`,
      safety: 'safe',
      edits: [
        {
          start: v.startIndex,
          end: v.endIndex,
          newText: `${raw[0]}${body}${body ? ':' : ''}${suffix}${raw[raw.length - 1]}`,
        },
      ],
    };
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
