import type { Node } from 'web-tree-sitter';
import {
  callArguments,
  constantOf,
  flowsInto,
  isOptionsParser,
  isPlainHttpApi,
  type OptionsConsumer,
  isFalsyConstant,
  jsNodesAround,
  memberName,
  memberValue,
  qualifiedName,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import { propertyWrite } from './support/properties';
import { flagValue } from '../../engine/intent';
import type { SourceFile } from '../../engine/types';

/** APIs whose `rejectUnauthorized` is about client certificates (a server with `requestCert`). */
const SERVER_APIS = [
  'tls.createServer',
  'tls.Server',
  'https.createServer',
  'https.Server',
  'http2.createSecureServer',
];

/** In practice an object property named `rejectUnauthorized` is always a Node TLS option: flag it wherever the object goes. */
const NAME = 'rejectUnauthorized';

interface State {
  value: Node;
  /** The value was a literal (not a shared constant), so replacing it changes nothing else. */
  literal: boolean;
  /** A shorthand `{ rejectUnauthorized }`: the fix writes the key too. */
  shorthand: boolean;
}

/**
 * URL schemes whose connection is plain TCP whatever its TLS options say: a WebSocket or MQTT client
 * given `ws://`, `mqtt://` or `tcp://` never starts TLS (unless its options ask for another protocol or
 * to follow redirects, which may lead to a TLS URL).
 */
const PLAIN_SCHEME = /^(?:ws|mqtt|tcp):\/\//i;
const TLS_SWITCHES = new Set(['protocol', 'followRedirects', 'servers', 'hosts']);

/** The leading text of a URL expression: a string, a template literal's first fragment, the left of a `+`. */
function urlPrefix(file: SourceFile, node: Node | undefined, depth = 0): string | undefined {
  const n = unwrap(constantOf(file, node));
  if (!n || depth > 4) return undefined;
  if (n.type === 'string') return stringValue(file, n);
  if (n.type === 'template_string') {
    const first = n.namedChild(0);
    return first?.type === 'string_fragment' ? first.text : '';
  }
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '+')
    return urlPrefix(file, n.childForFieldName('left') ?? undefined, depth + 1);
  return undefined;
}

/** Whether the call connects to a plain-scheme URL (its first argument) with options that cannot switch to TLS. */
function plainUrl(file: SourceFile, consumer: OptionsConsumer, obj: Node): boolean {
  const url = callArguments(consumer.call)[0];
  if (!url || url.startIndex === obj.startIndex) return false;
  const prefix = urlPrefix(file, url);
  if (!prefix || !PLAIN_SCHEME.test(prefix)) return false;
  return !obj.namedChildren.some((m) => !!m && TLS_SWITCHES.has(memberName(m) ?? ''));
}

function consumerOf(file: SourceFile, member: Node): OptionsConsumer | undefined {
  const obj = member.parent;
  return obj?.type === 'object' ? flowsInto(file, obj) : undefined;
}

/**
 * Whether a value turns verification off: a false constant, or a conditional with one as a branch
 * (`insecure ? false : true`, an opt-in the caller controls).
 */
function disables(file: SourceFile, value: Node): boolean {
  const v = unwrap(value);
  if (v?.type === 'ternary_expression') {
    const branches = [v.childForFieldName('consequence'), v.childForFieldName('alternative')];
    return branches.some((b) => !!b && disables(file, b));
  }
  return isFalsyConstant(file, value);
}

function messageFor(consumer: OptionsConsumer | undefined, shown: string): string {
  const api = consumer?.shown;
  if (consumer && SERVER_APIS.includes(consumer.name ?? '')) {
    return `\`${api}\` option \`${shown}\`: client certificates are accepted without verification.`;
  }
  if (api)
    return `\`${api}\` option \`${shown}\` turns off certificate verification: any server certificate is accepted.`;
  return `\`${shown}\` turns off certificate verification: any server certificate is accepted.`;
}

function shownValue(value: Node): string {
  const t = value.text.replace(/\s+/g, ' ');
  return t.length <= 24 ? t : 'false';
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-reject-unauthorized',
  summary:
    '`rejectUnauthorized: false` (or 0, null, !1) in any options object, and `x.rejectUnauthorized = false` writes such as `https.globalAgent.options.rejectUnauthorized = false`.',
  docs: `
    \`rejectUnauthorized: false\` (or 0, null, !1) in any options object, and \`x.rejectUnauthorized = false\`
    writes such as \`https.globalAgent.options.rejectUnauthorized = false\`.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'tls.connect',
    'tls.createServer',
    'tls.createSecureContext',
    'tls.TLSSocket',
    'https.request',
    'https.get',
    'https.Agent',
    'https.createServer',
    'https.globalAgent.options',
    'undici.Agent',
    'axios',
    'got',
    'node-fetch',
    'ws',
    'socket.io-client',
  ],
  tokens: [NAME],
  fixAvailability: 'always',
  detect(file, report) {
    for (const member of jsNodesAround(file, [NAME], ['pair', 'shorthand_property_identifier'])) {
      if (member.parent?.type !== 'object' || memberName(member) !== NAME) continue;
      const value = memberValue(member);
      if (!value) continue;
      // `rejectUnauthorized: !opts.insecure`: a caller's setting, reported as an opt-in path.
      const flag = disables(file, value) ? undefined : flagValue(value, false);
      if (!flag && !disables(file, value)) continue;
      const consumer = consumerOf(file, member);
      // No effect: Node's plain-HTTP module makes no TLS connection; an options parser's input
      // configures nothing by itself.
      if (consumer && (isPlainHttpApi(consumer.name) || isOptionsParser(consumer.name))) continue;
      if (consumer && plainUrl(file, consumer, member.parent)) continue;
      const shorthand = member.type === 'shorthand_property_identifier';
      const literal =
        !shorthand && unwrap(value)?.type !== 'identifier' && unwrap(value)?.type !== 'ternary_expression';
      const shown = `${NAME}: ${shorthand ? 'false' : shownValue(unwrap(value) ?? value)}`;
      const message = flag
        ? `${messageFor(consumer, shown).replace(/: any server certificate is accepted\.$|\.$/, '')} when \`${flag.text}\` is set.`
        : messageFor(consumer, shown);
      report({ node: member, message, state: { value, literal: literal && !flag, shorthand }, flag });
    }
    for (const asg of jsNodesAround(file, [NAME], ['assignment_expression'])) {
      const write = propertyWrite(file, asg, NAME);
      if (!write) continue;
      const { left, right } = write;
      const flag = disables(file, right) ? undefined : flagValue(right, false);
      if (!flag && !disables(file, right)) continue;
      const target = qualifiedName(file, left) ?? left.text;
      const literal = unwrap(right)?.type !== 'identifier' && unwrap(right)?.type !== 'ternary_expression';
      report({
        node: asg,
        message: flag
          ? `\`${target.length <= 60 ? target : NAME}\` is set to \`${shownValue(unwrap(right) ?? right)}\`: certificate verification is turned off when \`${flag.text}\` is set.`
          : `\`${target.length <= 60 ? target : NAME}\` is set to ${shownValue(unwrap(right) ?? right)}: certificate verification is turned off.`,
        state: { value: right, literal: literal && !flag, shorthand: false },
        flag,
      });
    }
  },
  fix(_file, r) {
    const { value, literal, shorthand } = r.state;
    if (shorthand) {
      return {
        title: 'Verify certificates (`rejectUnauthorized: true`)',
        safety: 'unsafe',
        edits: [{ start: value.startIndex, end: value.endIndex, newText: `${NAME}: true` }],
      };
    }
    // A named constant may be a shared toggle: replacing its use here is a change to review.
    return {
      title: 'Verify certificates (`rejectUnauthorized: true`)',
      safety: literal ? 'safe' : 'unsafe',
      edits: [{ start: value.startIndex, end: value.endIndex, newText: 'true' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const https = require('https');
        https.get('https://example.com', { rejectUnauthorized: false });
      `,
      good: `
        const https = require('https');
        https.get('https://example.com', { rejectUnauthorized: true });
      `,
    },
  },
});
