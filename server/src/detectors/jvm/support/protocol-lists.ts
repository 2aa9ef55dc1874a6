// Shared by the Java and Kotlin tls-protocols detectors: how a legacy protocol in a list or in a
// protocol system property is reported, and the fix of each. The grammars differ in how a list's
// elements are found and removed and in how `TLS.V_1_0` is written; each detector supplies those.
import type { Node } from 'web-tree-sitter';
import { isJsseLegacy, protocolPropertyFix, tls12ConstantOf } from '../../../engine/jsse';
import type { Fix, Range, SourceFile, TextEdit } from '../../../engine/types';

/** What a report hands to the fix: a list element, a property literal, or nothing to mend. */
/** Settings that name one protocol, not a list (Kafka's `ssl.protocol`). */
const SINGLE_PROTOCOL_KEYS = ['ssl.protocol'];

export type ProtocolState =
  | { kind: 'element'; elements: Node[]; index: number; keep: number }
  | { kind: 'property'; literal: Node; value: string; single?: boolean }
  | { kind: 'none' };

type Emit = (r: { node?: Node; range?: Range; message: string; state: ProtocolState }) => void;

/** Reports each legacy protocol of a list passed to `api`; `protocolOf` reads an element's protocol. */
export function reportLegacyElements(
  elements: Node[],
  api: string,
  protocolOf: (n: Node) => string | undefined,
  report: Emit,
): void {
  const values = elements.map(protocolOf);
  const keep = values.filter((v) => v !== undefined && !isJsseLegacy(v)).length;
  values.forEach((v, index) => {
    if (v === undefined || !isJsseLegacy(v)) return;
    report({
      node: elements[index],
      message: `\`${api}\` enables ${v}, a legacy protocol: TLS 1.2 is the minimum.`,
      state: { kind: 'element', elements, index, keep },
    });
  });
}

/** Reports a comma-separated protocol system property (`https.protocols`) that enables a legacy version. */
export function reportProtocolProperty(key: string, value: string, valueNode: Node, report: Emit): void {
  const legacy = value
    .split(',')
    .map((p) => p.trim())
    .filter(isJsseLegacy);
  if (legacy.length === 0) return;
  report({
    node: valueNode,
    message: `The \`${key}\` property enables ${legacy.join(', ')}: TLS 1.2 is the minimum.`,
    state:
      valueNode.type === 'string_literal'
        ? { kind: 'property', literal: valueNode, value, single: SINGLE_PROTOCOL_KEYS.includes(key) }
        : { kind: 'none' },
  });
}

/** The grammar-specific parts of the fix. */
export interface ProtocolFixGrammar {
  /** The edits that remove one element of a list (its separator included). */
  removeElementEdits(text: string, elements: Node[], index: number): TextEdit[];
  /** The enum a constant element is read from (`TLS` in `TLS.V_1_0`), else undefined. */
  constantOwner(el: Node): Node | null | undefined;
  /** A type's simple name. */
  simpleName(n: Node): string | undefined;
}

/**
 * The fix of a reported protocol: remove it when the list keeps a modern version, else replace it with
 * TLS 1.2 (a string or the same enum's constant); a property keeps its modern versions.
 */
export function protocolListFix(file: SourceFile, s: ProtocolState, g: ProtocolFixGrammar): Fix | undefined {
  if (s.kind === 'element') {
    const el = s.elements[s.index];
    if (s.keep > 0) {
      return {
        title: 'Remove the legacy protocol',
        safety: 'safe',
        edits: g.removeElementEdits(file.text, s.elements, s.index),
      };
    }
    const owner = g.constantOwner(el);
    const constant = owner ? tls12ConstantOf(g.simpleName(owner) ?? '') : undefined;
    const newText =
      el.type === 'string_literal' ? '"TLSv1.2"' : owner && constant ? `${owner.text}.${constant}` : undefined;
    if (!newText) return undefined;
    return {
      title: 'Enable TLS 1.2 instead',
      safety: 'safe',
      edits: [{ start: el.startIndex, end: el.endIndex, newText }],
    };
  }
  if (s.kind === 'property') return protocolPropertyFix(s.literal, s.value, s.single);
  return undefined;
}
