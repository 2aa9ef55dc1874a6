// Shared by the C detectors: the Eclipse Paho MQTT C client's TLS option structures
// (`MQTTClient_SSLOptions`, `MQTTAsync_SSLOptions`), whose fields the library maps onto OpenSSL:
// `enableServerCertAuth` onto `SSL_CTX_set_verify`, `verify` onto the post-connect host name check,
// `enabledCipherSuites` onto `SSL_CTX_set_cipher_list`. Set as `opts.ssl->verify = 0;`,
// `ssl_opts.enableServerCertAuth = 0;` or in a designated initializer (`{ .verify = 0 }`).
import type { Node } from 'web-tree-sitter';
import { intValue, valueText } from '../../../engine/languages/c';
import type { SourceFile } from '../../../engine/types';
import { branches } from './options';

/** One write of an option field: the field name node and the value written. */
export interface OptionFieldSet {
  /** The assignment or initializer pair. */
  node: Node;
  field: Node;
  value: Node;
}

/** Whether the file uses Paho's TLS options (its types or its initializer macros). */
export function usesPahoSslOptions(file: SourceFile): boolean {
  return /\bMQTT(Client|Async)_SSLOptions\b/.test(file.text);
}

/** Every write of one of `fields` (`x.f = v`, `x->f = v`, `{ .f = v }`), in document order. */
export function optionFieldSets(file: SourceFile, fields: readonly string[]): OptionFieldSet[] {
  const all = file.memo('c.optionFieldSets', () => {
    const out: OptionFieldSet[] = [];
    for (const n of file.nodes('assignment_expression', 'initializer_pair')) {
      if (n.type === 'assignment_expression') {
        const left = n.childForFieldName('left');
        const op = n.childForFieldName('operator')?.text ?? '=';
        const field = left?.type === 'field_expression' ? left.childForFieldName('field') : null;
        const value = n.childForFieldName('right');
        if (field && value && op === '=') out.push({ node: n, field, value });
      } else {
        const designator = n.childForFieldName('designator');
        const field = designator?.type === 'field_designator' ? designator.namedChildren[0] : null;
        const value = n.childForFieldName('value');
        if (field && value) out.push({ node: n, field, value });
      }
    }
    return out;
  });
  return all.filter((s) => fields.includes(s.field.text));
}

/** The branches of a value that turn a boolean option off (`0`, `false`, either side of a ternary). */
export function offBranches(file: SourceFile, value: Node): Node[] {
  return branches(value).filter((b) => intValue(valueText(file, b)) === 0);
}
