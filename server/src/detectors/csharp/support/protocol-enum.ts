// Shared by the SslProtocols and SecurityProtocolType detectors: legacy members of a protocol enum used
// as a value (assigned, passed, combined with `|`), never in comparisons (also of casts,
// `(int)v >= (int)SslProtocols.Tls`), `HasFlag`, `~`/`&` masks or `case` labels; and numeric casts such as `(SecurityProtocolType)192`.
import type { Node } from 'web-tree-sitter';
import { lastName, orChainTop, orOperands, unwrap } from '../../../engine/languages/csharp';
import { defineDetector } from '../../../engine/detector';
import type { Detector, DetectorExamples, Fix, RuleId, SourceFile, TextEdit } from '../../../engine/types';

/** Flag values shared by both enums (System.Security.Authentication.SslProtocols, System.Net.SecurityProtocolType). */
const BITS: Record<string, number> = {
  Ssl2: 12,
  Ssl3: 48,
  Tls: 192,
  Tls11: 768,
  Tls12: 3072,
  Tls13: 12288,
  Default: 240,
};
const LEGACY_BITS = 12 | 48 | 192 | 768;
const LABEL: Record<string, string> = {
  Ssl2: 'SSLv2',
  Ssl3: 'SSLv3',
  Tls: 'TLS 1.0',
  Tls11: 'TLS 1.1',
  Default: 'SSLv3 and TLS 1.0',
};

interface EnumSpec {
  id: string;
  summary: string;
  docs: string;
  enumName: string;
  legacy: string[];
  /** What the platform recommends instead (let the OS choose). */
  systemDefault: string;
  apis: string[];
  examples: DetectorExamples;
}

type State = { chain: Node; ops: Node[] };

/** The value of `(Enum)123`, or undefined. */
function castValue(node: Node, enumName: string): number | undefined {
  if (node.type !== 'cast_expression' || lastName(node.childForFieldName('type')) !== enumName) return undefined;
  const v = node.childForFieldName('value');
  const lit = v ? unwrap(v) : undefined;
  if (lit?.type !== 'integer_literal') return undefined;
  const n = Number(lit.text.replace(/[uUlL_]/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Whether `target` is an `out` parameter of its method: the method hands a value back (the protocol a
 * handshake negotiated, mapped from a native enum), it configures nothing.
 */
function isOutParameter(target: Node | null): boolean {
  if (target?.type !== 'identifier') return false;
  for (let n = target.parent; n; n = n.parent) {
    if (!/method_declaration|local_function_statement|constructor_declaration/.test(n.type)) continue;
    const params = n.childForFieldName('parameters');
    return !!params?.namedChildren.some(
      (param) =>
        param?.type === 'parameter' &&
        param.childForFieldName('name')?.text === target.text &&
        /^(?:\[[^\]]*\]\s*)*out\s/.test(param.text),
    );
  }
  return false;
}

function excludedContext(top: Node): boolean {
  // Through casts and parentheses: `(int)version >= (int)SslProtocols.Tls` is still a comparison.
  while (top.parent?.type === 'cast_expression' || top.parent?.type === 'parenthesized_expression') top = top.parent;
  const p = top.parent;
  if (!p) return false;
  if (p.type === 'binary_expression') {
    const op = p.childForFieldName('operator')?.text;
    return op !== '|';
  }
  if (p.type === 'prefix_unary_expression') return true;
  if (p.type === 'assignment_expression') {
    const op = p.childForFieldName('operator')?.text ?? p.children.find((c) => c && /=$/.test(c.type))?.text;
    if ((op !== undefined && op !== '=' && op !== '|=') || p.childForFieldName('left')?.id === top.id) return true;
    return op === '=' && isOutParameter(p.childForFieldName('left'));
  }
  if (
    p.type === 'constant_pattern' ||
    p.type === 'case_switch_label' ||
    p.type === 'switch_expression_arm' ||
    p.type === 'is_pattern_expression' ||
    p.type === 'case_pattern_switch_label'
  )
    return true;
  if (p.type === 'argument') {
    const call = p.parent?.parent;
    if (call?.type === 'invocation_expression' && lastName(call.childForFieldName('function')) === 'HasFlag')
      return true;
  }
  return false;
}

export function protocolEnumDetector(spec: EnumSpec, rule: RuleId = 'legacy-protocol'): Detector {
  const isLegacyMember = (n: Node) =>
    n.type === 'member_access_expression' &&
    lastName(n.childForFieldName('expression')) === spec.enumName &&
    spec.legacy.includes(lastName(n) ?? '');
  const full = (member: string) => `${spec.enumName}.${member}`;
  return defineDetector<State>({
    id: spec.id,
    summary: spec.summary,
    docs: spec.docs,
    rule,
    languages: ['csharp'],
    apis: spec.apis,
    tokens: [spec.enumName],
    fixAvailability: 'always',
    detect(file: SourceFile, report) {
      for (const m of file.nodes('member_access_expression')) {
        if (!isLegacyMember(m)) continue;
        const top = orChainTop(m);
        if (excludedContext(top)) continue;
        const name = lastName(m)!;
        report({
          node: m,
          message: `\`${full(name)}\` enables ${LABEL[name]}: TLS 1.2 is the minimum.`,
          state: { chain: top, ops: orOperands(top) },
        });
      }
      for (const cast of file.nodes('cast_expression')) {
        const n = castValue(cast, spec.enumName);
        if (n === undefined || (n & LEGACY_BITS) === 0) continue;
        const top = orChainTop(cast);
        if (excludedContext(top)) continue;
        report({
          node: cast,
          message: `\`${cast.text}\` enables a protocol older than TLS 1.2: TLS 1.2 is the minimum.`,
          state: { chain: top, ops: orOperands(top) },
        });
      }
    },
    fix(_file, r): Fix[] | undefined {
      const s = r.state;
      const ops = s.ops;
      const legacyCast = (op: Node) => {
        const n = castValue(op, spec.enumName);
        return n !== undefined && (n & LEGACY_BITS) !== 0;
      };
      const legacy = ops.map((op) => isLegacyMember(op) || legacyCast(op));
      // A cast that also carries modern bits keeps them: (SecurityProtocolType)3840 -> (SecurityProtocolType)3072.
      const partial = (op: Node) => legacyCast(op) && (castValue(op, spec.enumName)! & ~LEGACY_BITS) !== 0;
      const edits: TextEdit[] = [];
      const removable = legacy.map((l, i) => l && !partial(ops[i]));
      for (let i = 0; i < ops.length; i++) {
        if (partial(ops[i])) {
          const t = ops[i].childForFieldName('type')!.text;
          edits.push({
            start: ops[i].startIndex,
            end: ops[i].endIndex,
            newText: `(${t})${castValue(ops[i], spec.enumName)! & ~LEGACY_BITS}`,
          });
        }
      }
      const prefix = ops.find(isLegacyMember)?.childForFieldName('expression')?.text ?? spec.enumName;
      if (removable.every(Boolean)) {
        const cast = ops.find((op) => castValue(op, spec.enumName) !== undefined);
        const newText = cast
          ? `(${cast.childForFieldName('type')!.text})${BITS.Tls12}`
          : `${prefix}.Tls12 | ${prefix}.Tls13`;
        edits.length = 0;
        edits.push({ start: s.chain.startIndex, end: s.chain.endIndex, newText });
      } else {
        // Remove each run of legacy operands with the `|` that joins it to its neighbour.
        for (let i = 0; i < ops.length; i++) {
          if (!removable[i]) continue;
          let j = i;
          while (j + 1 < ops.length && removable[j + 1]) j++;
          edits.push(
            i > 0
              ? { start: ops[i - 1].endIndex, end: ops[j].endIndex, newText: '' }
              : { start: ops[0].startIndex, end: ops[j + 1].startIndex, newText: '' },
          );
          i = j;
        }
        edits.sort((a, b) => a.start - b.start);
      }
      const fixes: Fix[] = [
        {
          title: removable.every(Boolean) ? `Use \`${edits[0].newText}\`` : 'Drop the protocols older than TLS 1.2',
          safety: 'safe',
          edits,
        },
      ];
      // The platform's own recommendation, which follows the OS as it adds or retires versions.
      const base = prefix.slice(0, prefix.length - spec.enumName.length);
      fixes.push({
        title: `Let the operating system choose (\`${full(spec.systemDefault)}\`)`,
        safety: 'unsafe',
        edits: [
          {
            start: s.chain.startIndex,
            end: s.chain.endIndex,
            newText: `${base}${spec.enumName}.${spec.systemDefault}`,
          },
        ],
      });
      return fixes;
    },
    examples: spec.examples,
  });
}
