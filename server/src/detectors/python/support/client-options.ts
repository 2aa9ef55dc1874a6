// Python clients' own keyword switches for verification (`verify_certs=False`, `tlsInsecure=True`,
// `ssl_check_hostname=False`): the calls and option dictionaries that carry one with a value that
// turns a check off, directly or through a value that travels to the keyword.
import type { Node } from 'web-tree-sitter';
import {
  callArgs,
  flowOrigin,
  isNamedNotConfigured,
  matchesApi,
  nameOf,
  nodesAround,
  stringValue,
  valueOf,
  valuesReaching,
} from '../../../engine/languages/python';
import type { Fix, SourceFile } from '../../../engine/types';

export interface ClientOption {
  /** Callees (qualified, `Class()` for an instance's methods). */
  apis: string[];
  keyword: string;
  /**
   * The keyword is the library's own word (`tlsAllowInvalidCertificates`, `validate_cert`): any call
   * or dictionary that carries it holds that library's options (a test's client factory, a wrapper,
   * Tornado's `defaults=dict(...)`, Celery's `broker_use_ssl={...}`).
   */
  anyCallee?: boolean;
  /** Whether a value turns the check off. */
  bad: (file: SourceFile, value: Node) => boolean;
  /** The replacement that turns it back on; unsafe when the flag says so. */
  fix: { text: (file: SourceFile, value: Node) => string; unsafe?: boolean };
}

export interface ClientOptionState {
  value: Node;
  option: ClientOption;
  /** The value is written elsewhere and reaches the keyword: the fix needs review. */
  flowed: boolean;
}

export interface OptionHit {
  /** Where to report: the keyword argument or dictionary pair, or where a travelling value is written. */
  node: Node;
  message: string;
  state: ClientOptionState;
}

/** `ssl=False` / `tls=False` in the same call: the client makes no TLS connection, its TLS options do nothing. */
function tlsOff(file: SourceFile, keywords: Map<string, Node>): boolean {
  return ['ssl', 'tls'].some((k) => valueOf(file, keywords.get(k)?.childForFieldName('value'))?.type === 'false');
}

/** The hits of `options` in the file; `effect` says what the check's absence does (`the server's certificate is not verified`). */
export function clientOptionHits(file: SourceFile, options: ClientOption[], effect: string): OptionHit[] {
  const hits: OptionHit[] = [];
  const keywords = [...new Set(options.map((o) => o.keyword))];
  /** `given`: how the direct form reads (`X is called with k=v`); `sink`: the keyword's place (`X(k=v)`). */
  const check = (node: Node, value: Node, option: ClientOption, given: string, sink: string) => {
    if (option.bad(file, value)) {
      hits.push({ node, message: `${given}: ${effect}.`, state: { value, option, flowed: false } });
      return;
    }
    // `tls_verify = False` ... `TLSConfig(verify=tls_verify)`: reported where the value is written.
    for (const leaf of valuesReaching(file, value)) {
      if (leaf.id === value.id || !option.bad(file, leaf) || isNamedNotConfigured(leaf)) continue;
      hits.push({
        node: flowOrigin(leaf),
        message: `\`${leaf.text}\` reaches ${sink}: ${effect}.`,
        state: { value: leaf, option, flowed: true },
      });
    }
  };
  for (const call of nodesAround(file, keywords, ['call'])) {
    const args = callArgs(call);
    if (!keywords.some((k) => args.keywords.has(k))) continue;
    const name = nameOf(file, call.childForFieldName('function'), 'reaching');
    const written = call.childForFieldName('function')?.text.replace(/\s+/g, '');
    for (const option of options) {
      const kw = args.keywords.get(option.keyword);
      const value = kw?.childForFieldName('value');
      // `assert call.open_url(validate_certs=False) in calls`: an expected call, not a connection.
      if (!kw || !value || isNamedNotConfigured(kw, file)) continue;
      const known = !!name && matchesApi(name, option.apis);
      if (!known && !option.anyCallee) continue;
      if (!known && tlsOff(file, args.keywords)) continue;
      const callee = known ? name.replace(/\(\)/g, '') : written && written.length <= 60 ? written : 'call';
      const given = `\`${callee}\` is called with \`${option.keyword}=${value.text}\``;
      check(kw, value, option, given, `\`${callee}(${option.keyword}=${value.text})\``);
    }
  }
  const anywhere = options.filter((o) => o.anyCallee);
  if (anywhere.length) {
    for (const pair of nodesAround(file, [...new Set(anywhere.map((o) => o.keyword))], ['pair'])) {
      const key = stringValue(file, pair.childForFieldName('key'));
      const value = pair.childForFieldName('value');
      const option = anywhere.find((o) => o.keyword === key);
      if (!option || !value || isNamedNotConfigured(pair, file)) continue;
      const shown = `\`"${key}": ${value.text}\``;
      check(pair, value, option, `${shown} in client options`, shown);
    }
    // `config["ssl_verify_cert"] = False` before `connect(**config)`: the same option, set by its key.
    for (const asg of nodesAround(file, [...new Set(anywhere.map((o) => o.keyword))], ['assignment'])) {
      const left = asg.childForFieldName('left');
      const value = asg.childForFieldName('right');
      if (left?.type !== 'subscript' || !value) continue;
      const key = stringValue(file, left.childForFieldName('subscript'));
      const option = anywhere.find((o) => o.keyword === key);
      if (!option || isNamedNotConfigured(value, file)) continue;
      const shown = `\`${left.text} = ${value.text}\``;
      check(asg, value, option, `${shown} sets a client option`, shown);
    }
  }
  return hits;
}

/** The fix of a hit: the option's secure value in place of the insecure one (`title`: what it turns back on). */
export function clientOptionFix(file: SourceFile, { value, option, flowed }: ClientOptionState, title: string): Fix {
  const newText = option.fix.text(file, value);
  return {
    title: `${title} (\`${option.keyword}=${newText}\`)`,
    safety: option.fix.unsafe || flowed ? 'unsafe' : 'safe',
    edits: [{ start: value.startIndex, end: value.endIndex, newText }],
  };
}
