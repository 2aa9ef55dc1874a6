import type { Node } from 'web-tree-sitter';
import {
  flowsInto,
  hasOpaqueSpread,
  jsNodesAround,
  memberName,
  memberValue,
  objectMembers,
  qualifiedName,
  stringValue,
  unwrap,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';
import { LEGACY_DOTTED, LEGACY_STEMS } from '../../engine/protocols';

const LEGACY_VERSIONS = new Set(LEGACY_DOTTED);
/** A legacy pin; `DTLSv1` is DTLS 1.0, built on TLS 1.1. */
const LEGACY_METHOD = new RegExp(`^(${LEGACY_STEMS}|DTLSv1)(_client|_server)?_method$`);

/** 'TLSv1' -> 'TLS 1.0', 'TLSv1.1' -> 'TLS 1.1', 'SSLv3' stays. */
function label(version: string): string {
  if (version === 'TLSv1' || version === 'TLSv1.0') return 'TLS 1.0';
  return version.startsWith('TLSv') ? `TLS ${version.slice(4)}` : version;
}

interface State {
  /** The value node to replace (minVersion/maxVersion/DEFAULT_*), or the `secureProtocol` member to rewrite. */
  target: Node;
  kind: 'floor' | 'ceiling' | 'method';
  /** The value is written here (not a shared constant) and nothing else in the object conflicts. */
  safe: boolean;
  /** A shorthand member (`{ minVersion }`): the fix writes the key too (`target` is the member). */
  shorthand?: boolean;
}

function quoteOf(value: Node): string {
  const v = unwrap(value);
  return v && (v.type === 'string' || v.type === 'template_string') ? v.text[0] : "'";
}

export const detector = defineDetector<State>({
  id: 'javascript.tls-legacy-version',
  summary: 'TLS 1.0/1.1 or SSLv3 as the floor or ceiling.',
  docs: `
    TLS 1.0/1.1 or SSLv3 as the floor or ceiling: \`minVersion: 'TLSv1'\`, \`maxVersion: 'TLSv1.1'\`,
    \`secureProtocol: 'TLSv1_method'\` (a pin to one legacy version), \`tls.DEFAULT_MIN_VERSION = 'TLSv1'\`.
  `,
  rule: 'legacy-protocol',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'tls.connect',
    'tls.createServer',
    'tls.createSecureContext',
    'https.Agent',
    'https.request',
    'tls.DEFAULT_MIN_VERSION',
    'tls.DEFAULT_MAX_VERSION',
  ],
  tokens: ['minVersion', 'maxVersion', 'secureProtocol', 'DEFAULT_MIN_VERSION', 'DEFAULT_MAX_VERSION'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    for (const member of jsNodesAround(
      file,
      ['minVersion', 'maxVersion', 'secureProtocol'],
      ['pair', 'shorthand_property_identifier'],
    )) {
      const obj = member.parent;
      if (obj?.type !== 'object') continue;
      const name = memberName(member);
      if (name !== 'minVersion' && name !== 'maxVersion' && name !== 'secureProtocol') continue;
      const value = memberValue(member);
      const s = value ? stringValue(file, value) : undefined;
      if (!value || s === undefined) continue;
      const api = flowsInto(file, obj)?.shown;
      const on = api ? `\`${api}\` option ` : '';
      // `{ minVersion }`: a name bound elsewhere (or a wrapper's parameter a caller sets).
      const shorthand = member.type === 'shorthand_property_identifier';
      const literal = !shorthand && unwrap(value)?.type !== 'identifier';
      if (name === 'secureProtocol') {
        if (!LEGACY_METHOD.test(s)) continue;
        // Node refuses `secureProtocol` together with min/maxVersion, so the rewrite is only clean
        // when the object sets neither and spreads nothing we cannot see.
        const others = objectMembers(file, obj).some(
          (m) => m.type === 'pair' && ['minVersion', 'maxVersion'].includes(memberName(m) ?? ''),
        );
        report({
          node: unwrap(value) ?? value,
          message: `${on}\`secureProtocol: '${s}'\` pins the connection to ${s.startsWith('SSL') ? s.slice(0, 5) : s.startsWith('DTLS') ? 'DTLS 1.0' : s.startsWith('TLSv1_1') ? 'TLS 1.1' : 'TLS 1.0'}, a legacy protocol.`,
          state: { target: member, kind: 'method', safe: literal && !others && !hasOpaqueSpread(file, obj), shorthand },
        });
        continue;
      }
      if (!LEGACY_VERSIONS.has(s)) continue;
      const floor = name === 'minVersion';
      report({
        node: unwrap(value) ?? value,
        message: floor
          ? `${on}\`minVersion: '${s}'\` allows ${label(s)}, a legacy protocol; TLS 1.2 is the minimum.`
          : `${on}\`maxVersion: '${s}'\` caps the connection at ${label(s)}, a legacy protocol.`,
        state: { target: shorthand ? member : value, kind: floor ? 'floor' : 'ceiling', safe: literal, shorthand },
      });
    }
    for (const asg of jsNodesAround(file, ['DEFAULT_MIN_VERSION', 'DEFAULT_MAX_VERSION'], ['assignment_expression'])) {
      const left = unwrap(asg.childForFieldName('left'));
      const right = asg.childForFieldName('right');
      if (left?.type !== 'member_expression' || !right) continue;
      const prop = left.childForFieldName('property')?.text;
      if (prop !== 'DEFAULT_MIN_VERSION' && prop !== 'DEFAULT_MAX_VERSION') continue;
      const owner = qualifiedName(file, left.childForFieldName('object'));
      if (owner !== undefined && owner !== 'tls') continue;
      const s = stringValue(file, right);
      if (s === undefined || !LEGACY_VERSIONS.has(s)) continue;
      const floor = prop === 'DEFAULT_MIN_VERSION';
      report({
        node: unwrap(right) ?? right,
        message: floor
          ? `\`tls.DEFAULT_MIN_VERSION = '${s}'\` lets every TLS connection of the process fall back to ${label(s)}.`
          : `\`tls.DEFAULT_MAX_VERSION = '${s}'\` caps every TLS connection of the process at ${label(s)}.`,
        state: { target: right, kind: floor ? 'floor' : 'ceiling', safe: unwrap(right)?.type !== 'identifier' },
      });
    }
  },
  fix(_file, r) {
    const { target, kind, safe, shorthand } = r.state;
    const safety = safe ? 'safe' : 'unsafe';
    if (shorthand) {
      const version = kind === 'ceiling' ? 'TLSv1.3' : 'TLSv1.2';
      const key = kind === 'ceiling' ? 'maxVersion' : 'minVersion';
      return {
        title: `Write \`${key}: '${version}'\``,
        safety: 'unsafe',
        edits: [{ start: target.startIndex, end: target.endIndex, newText: `${key}: '${version}'` }],
      };
    }
    if (kind === 'method') {
      // A pin to one legacy version becomes a TLS 1.2 floor: the peer and we still agree on the
      // highest common version, which is the security change itself.
      const value = target.childForFieldName('value')!;
      // A DTLS pin is no TLS connection to re-floor: the transport itself must change.
      if (value.text.includes('DTLS')) return undefined;
      const q = quoteOf(value);
      return {
        title: "Replace the legacy pin with `minVersion: 'TLSv1.2'`",
        safety,
        edits: [{ start: target.startIndex, end: target.endIndex, newText: `minVersion: ${q}TLSv1.2${q}` }],
      };
    }
    const q = quoteOf(target);
    const version = kind === 'floor' ? 'TLSv1.2' : 'TLSv1.3';
    return {
      title: kind === 'floor' ? "Raise the floor to `'TLSv1.2'`" : "Raise the ceiling to `'TLSv1.3'`",
      safety,
      edits: [{ start: target.startIndex, end: target.endIndex, newText: `${q}${version}${q}` }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const tls = require('tls');
        tls.connect({ host: 'example.com', port: 443, minVersion: 'TLSv1' });
      `,
      good: `
        const tls = require('tls');
        tls.connect({ host: 'example.com', port: 443, minVersion: 'TLSv1.2' });
      `,
    },
  },
});
