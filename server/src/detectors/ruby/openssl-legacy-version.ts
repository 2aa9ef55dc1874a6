import type { Node } from 'web-tree-sitter';
import { inComparison, outerPair, pairKey, resolve, scopedName, symbolName } from '../../engine/languages/ruby';
import { defineDetector } from '../../engine/detector';
import { optionUses } from './support/options';
import { LEGACY_STEMS, LEGACY_VERSIONS, legacyLabels } from '../../engine/protocols';

/** `ssl_version` names (OpenSSL method names), optionally with _client/_server. */
const METHOD = new RegExp(`^(${LEGACY_STEMS})(_client|_server)?$`);
/** `min_version`/`max_version` symbols and constants. */
const VERSION_CONSTANTS = LEGACY_VERSIONS.map((v) => v.opensslConstant);
const VERSION_SYMBOLS = VERSION_CONSTANTS.map((c) => c.replace(/_VERSION$/, ''));
const LABEL: Record<string, string> = {
  ...legacyLabels((v) => v.stem, 'shortLabel'),
  ...legacyLabels((v) => v.opensslConstant.replace(/_VERSION$/, ''), 'shortLabel'),
};

type Kind = 'method' | 'version';

function classify(
  value: Node,
  kind: Kind,
): { label: string; edit: { start: number; end: number; newText: string } } | undefined {
  if (value.type === 'simple_symbol' || value.type === 'string' || value.type === 'delimited_symbol') {
    const name = symbolName(value);
    if (!name) return undefined;
    const content =
      value.type === 'simple_symbol'
        ? { start: value.startIndex + 1, end: value.endIndex }
        : value.namedChildren.find((c) => c?.type === 'string_content');
    if (!content) return undefined;
    const start = 'startIndex' in content ? content.startIndex : content.start;
    const end = 'endIndex' in content ? content.endIndex : content.end;
    if (kind === 'method') {
      const m = METHOD.exec(name);
      if (m) return { label: LABEL[m[1]], edit: { start, end, newText: `TLSv1_2${m[2] ?? ''}` } };
    } else if (VERSION_SYMBOLS.includes(name)) {
      return { label: LABEL[name], edit: { start, end, newText: 'TLS1_2' } };
    }
    return undefined;
  }
  if (kind === 'version' && (value.type === 'scope_resolution' || value.type === 'constant')) {
    const full = scopedName(value) ?? '';
    const last = full.split('::').pop()!;
    if (VERSION_CONSTANTS.includes(last) && (full === last || full.startsWith('OpenSSL::SSL::'))) {
      const nameNode = value.type === 'scope_resolution' ? value.childForFieldName('name')! : value;
      return {
        label: LABEL[last.replace('_VERSION', '')],
        edit: { start: nameNode.startIndex, end: nameNode.endIndex, newText: 'TLS1_2_VERSION' },
      };
    }
  }
  return undefined;
}

function kindOfKey(key: string | undefined, inSslHash: boolean): Kind | undefined {
  if (key === 'ssl_version' || (key === 'version' && inSslHash)) return 'method';
  if (key === 'min_version' || key === 'max_version' || key === 'ssl_min_version' || key === 'ssl_max_version')
    return 'version';
  return undefined;
}

export const detector = defineDetector<{ edit: { start: number; end: number; newText: string } } | undefined>({
  id: 'ruby.openssl-legacy-version',
  summary: 'Legacy protocol versions.',
  docs: `
    Legacy protocol versions: \`ctx.ssl_version = :TLSv1\`, \`ssl_version: :SSLv3\` (HTTParty, Faraday
    \`ssl: { version: ... }\`), \`min_version = OpenSSL::SSL::TLS1_VERSION\` / \`:TLS1_1\`, \`max_version\` below
    TLS 1.2, \`OpenSSL::SSL::SSLContext.new(:TLSv1)\`, HTTParty's class macro \`ssl_version :TLSv1\`, and ruby-mqtt's
    \`ssl: :TLSv1\`.
  `,
  rule: 'legacy-protocol',
  languages: ['ruby'],
  apis: [
    'OpenSSL::SSL::SSLContext#ssl_version=',
    'OpenSSL::SSL::SSLContext#min_version=',
    'OpenSSL::SSL::SSLContext#max_version=',
    'Net::HTTP#ssl_version=',
    'Net::HTTP#min_version=',
    'HTTParty ssl_version:',
    'Faraday ssl: { version:, min_version: }',
  ],
  tokens: ['_version', 'SSLContext.new', 'version:', ':TLSv1', ':SSLv'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const check = (at: Node, value: Node | null | undefined, kind: Kind | undefined, what: string) => {
      if (!value || !kind) return;
      const v = resolve(file, value)!;
      const c = classify(v, kind);
      if (!c || inComparison(value)) return;
      // Edit the literal where it is written (a constant defined elsewhere in the file is left alone).
      const edit = v.id === value.id ? c.edit : undefined;
      if (!edit) {
        report({ node: at, message: `${what} allows ${c.label}: TLS 1.2 is the minimum.` });
        return;
      }
      const ceiling = /max/.test(what);
      report({
        node: at,
        message: ceiling
          ? `${what} caps the protocol at ${c.label}: TLS 1.2 is the minimum.`
          : `${what} allows ${c.label}: TLS 1.2 is the minimum.`,
        state: { edit },
      });
    };
    for (const asg of file.nodes('assignment')) {
      const left = asg.childForFieldName('left');
      if (left?.type !== 'call') continue;
      const method = left.childForFieldName('method')?.text;
      const kind = kindOfKey(method, false);
      check(asg, asg.childForFieldName('right'), kind, `\`${left.text} =\``);
    }
    // `OpenSSL::SSL::SSLContext::DEFAULT_PARAMS[:ssl_version] = :TLSv1`, `opts[:min_version] = ...`.
    for (const use of optionUses(file, [
      'ssl_version',
      'min_version',
      'max_version',
      'ssl_min_version',
      'ssl_max_version',
    ])) {
      if (use.at.type === 'assignment' && use.at.childForFieldName('left')?.type === 'element_reference')
        check(use.at, use.value, kindOfKey(use.option, false), `\`${use.written}\``);
    }
    for (const pair of file.nodes('pair')) {
      const outer = outerPair(pair);
      const key = pairKey(pair);
      // ruby-mqtt's `ssl: :TLSv1` (`MQTT::Client.new(host, ssl: :TLSv1)`, an agent's default options): the
      // `ssl` option takes a method name as well as `true`.
      const kind =
        key === 'ssl' && pair.childForFieldName('value')?.type === 'simple_symbol'
          ? 'method'
          : kindOfKey(key, !!outer && ['ssl', 'ssl_options'].includes(pairKey(outer) ?? ''));
      check(pair, pair.childForFieldName('value'), kind, `\`${key}:\``);
    }
    for (const call of file.nodes('call')) {
      // HTTParty's class macro `ssl_version :TLSv1` (also `SomeClient.ssl_version(:TLSv1)`).
      const args = call.childForFieldName('arguments')?.namedChildren ?? [];
      if (call.childForFieldName('method')?.text === 'ssl_version' && args.length === 1 && args[0]) {
        check(args[0], args[0], 'method', '`ssl_version`');
        continue;
      }
      // OpenSSL::SSL::SSLContext.new(:TLSv1)
      if (
        call.childForFieldName('method')?.text !== 'new' ||
        scopedName(call.childForFieldName('receiver'))?.replace(/^::/, '') !== 'OpenSSL::SSL::SSLContext'
      )
        continue;
      const first = call.childForFieldName('arguments')?.namedChildren[0];
      if (first && first.type !== 'pair') check(first, first, 'method', '`OpenSSL::SSL::SSLContext.new`');
    }
  },
  fix(_file, r) {
    const s = r.state;
    return s ? { title: `Use \`${s.edit.newText}\``, safety: 'safe', edits: [s.edit] } : undefined;
  },
  examples: {
    ruby: {
      bad: `
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.min_version = OpenSSL::SSL::TLS1_VERSION
      `,
      good: `
        require "openssl"
        ctx = OpenSSL::SSL::SSLContext.new
        ctx.min_version = OpenSSL::SSL::TLS1_2_VERSION
      `,
    },
  },
});
