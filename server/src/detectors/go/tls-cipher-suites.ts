import type { Node } from 'web-tree-sitter';
import { MOZILLA_INTERMEDIATE_GO_SUITES, classifyCipherSuite, suiteProblem } from '../../engine/ciphers';
import {
  constInt,
  declarationOf,
  elementValue,
  isPackageMember,
  keyedElements,
  tlsConfigLiterals,
  tlsFieldWrites,
} from '../../engine/languages/go';
import { defineDetector } from '../../engine/detector';
import type { SourceFile } from '../../engine/types';

/** crypto/tls cipher suite constants and their IANA values. */
const SUITES: Record<string, number> = {
  TLS_RSA_WITH_RC4_128_SHA: 0x0005,
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 0x000a,
  TLS_RSA_WITH_AES_128_CBC_SHA: 0x002f,
  TLS_RSA_WITH_AES_256_CBC_SHA: 0x0035,
  TLS_RSA_WITH_AES_128_CBC_SHA256: 0x003c,
  TLS_RSA_WITH_AES_128_GCM_SHA256: 0x009c,
  TLS_RSA_WITH_AES_256_GCM_SHA384: 0x009d,
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: 0xc007,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 0xc009,
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 0xc00a,
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: 0xc011,
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 0xc012,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 0xc013,
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 0xc014,
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 0xc023,
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 0xc027,
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 0xc02f,
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 0xc02b,
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 0xc030,
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 0xc02c,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca8,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: 0xcca9,
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 0xcca8,
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 0xcca9,
  TLS_AES_128_GCM_SHA256: 0x1301,
  TLS_AES_256_GCM_SHA384: 0x1302,
  TLS_CHACHA20_POLY1305_SHA256: 0x1303,
  TLS_FALLBACK_SCSV: 0x5600,
};
const BY_VALUE = new Map<number, string>();
for (const [name, v] of Object.entries(SUITES)) if (!BY_VALUE.has(v)) BY_VALUE.set(v, name);

/** The suite name an element denotes: a crypto/tls constant, a raw number, or a constant of the file. */
function suiteName(file: SourceFile, el: Node): string | undefined {
  const member = isPackageMember(file, el, 'crypto/tls');
  if (member && member in SUITES) return member;
  const v = constInt(file, el, SUITES);
  return v === undefined ? undefined : BY_VALUE.get(v);
}

interface State {
  /** The `[]uint16{...}` literal the suite sits in. */
  list: Node;
  elements: Node[];
}

interface SuiteList {
  /** The node a fix replaces: a `[]uint16{...}` literal; an `append(...)` call gets no fix. */
  list: Node;
  elements: Node[];
}

const FUNCTION_SCOPES = new Set(['function_declaration', 'method_declaration', 'func_literal', 'source_file']);

function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (FUNCTION_SCOPES.has(p.type)) return p;
  return undefined;
}

/** `append(first, rest...)`: the call's arguments, when the callee is the builtin. */
function appendArgs(value: Node): Node[] | undefined {
  if (value.type !== 'call_expression' || value.childForFieldName('function')?.text !== 'append') return undefined;
  return (value.childForFieldName('arguments')?.namedChildren ?? []).filter(
    (c): c is Node => !!c && c.type !== 'comment',
  );
}

/** `name = append(name, ...)` statements of the function `name` is used in, before the use. */
function appendsTo(file: SourceFile, ident: Node): Node[] {
  const scope = enclosingFunction(ident);
  if (!scope) return [];
  const out: Node[] = [];
  for (const st of file.nodes('assignment_statement')) {
    if (st.startIndex < scope.startIndex || st.endIndex > ident.startIndex) continue;
    if (enclosingFunction(st)?.id !== scope.id) continue;
    const left = st.childForFieldName('left')?.namedChildren ?? [];
    const right = st.childForFieldName('right')?.namedChildren ?? [];
    if (left.length !== 1 || right.length !== 1 || left[0]?.text !== ident.text || !right[0]) continue;
    const args = appendArgs(right[0]);
    if (args && args[0]?.text === ident.text) out.push(...args.slice(1));
  }
  return out;
}

function listElements(file: SourceFile, value: Node | undefined, depth = 0): SuiteList | undefined {
  if (!value || depth > 3) return undefined;
  if (value.type === 'identifier') {
    // `suites := []uint16{...}` then `CipherSuites: suites`; `suites = append(suites, ...)` in between.
    const d = declarationOf(file, value);
    const declared = d?.value ? listElements(file, d.value, depth + 1) : undefined;
    const appended = appendsTo(file, value);
    if (appended.length === 0) return declared;
    return { list: value, elements: [...(declared?.elements ?? []), ...appended] };
  }
  const args = appendArgs(value);
  if (args) {
    // `append(cfg.CipherSuites, tls.TLS_RSA_WITH_RC4_128_SHA)`, `append(defaults, legacy...)`.
    const first =
      args[0] && args[0].type !== 'selector_expression' ? listElements(file, args[0], depth + 1) : undefined;
    return { list: value, elements: [...(first?.elements ?? []), ...args.slice(1)] };
  }
  if (value.type === 'composite_literal' && value.childForFieldName('type')?.type === 'slice_type') {
    const elements = (value.childForFieldName('body')?.namedChildren ?? [])
      .filter((c): c is Node => !!c && c.type !== 'comment')
      .map((c) => (c.type === 'literal_element' ? (c.namedChildren[0] ?? c) : c));
    return { list: value, elements };
  }
  return undefined;
}

/**
 * Whether an expression is `tls.InsecureCipherSuites()`, directly, through a local name, or joined to
 * other suites (`slices.Concat(tls.CipherSuites(), tls.InsecureCipherSuites())`, `append(a, insecure...)`).
 */
function isInsecureSuitesCall(file: SourceFile, node: Node | null | undefined, depth = 0): boolean {
  if (!node || depth > 3) return false;
  if (node.type === 'identifier') return isInsecureSuitesCall(file, declarationOf(file, node)?.value, depth + 1);
  if (node.type !== 'call_expression') return false;
  const fn = node.childForFieldName('function');
  if (isPackageMember(file, fn, 'crypto/tls', 'InsecureCipherSuites')) return true;
  if (!(fn?.type === 'identifier' && fn.text === 'append') && !isPackageMember(file, fn, 'slices', 'Concat'))
    return false;
  return (node.childForFieldName('arguments')?.namedChildren ?? []).some((a) =>
    isInsecureSuitesCall(file, a?.type === 'variadic_argument' ? a.namedChildren[0] : a, depth + 1),
  );
}

/**
 * Whether an element is the `.ID` of a suite `tls.InsecureCipherSuites()` lists: `v.ID` where `v` ranges
 * over that list, or `suites[i].ID` where `suites` is it.
 */
function fromInsecureSuites(file: SourceFile, el: Node): boolean {
  if (el.type !== 'selector_expression' || el.childForFieldName('field')?.text !== 'ID') return false;
  const operand = el.childForFieldName('operand');
  if (operand?.type === 'index_expression') return isInsecureSuitesCall(file, operand.childForFieldName('operand'));
  if (operand?.type !== 'identifier') return false;
  const d = declarationOf(file, operand);
  const clause = d?.kind === 'range' ? d.name.parent?.parent : undefined;
  return clause?.type === 'range_clause' && isInsecureSuitesCall(file, clause.childForFieldName('right'));
}

/** The name the file calls crypto/tls by, read off a suite constant of the list (`tls`, `cryptotls`). */
function tlsQualifier(file: SourceFile, elements: Node[]): string | undefined {
  for (const el of elements) {
    if (el.type !== 'selector_expression' || !isPackageMember(file, el, 'crypto/tls')) continue;
    return el.childForFieldName('operand')?.text;
  }
  return undefined;
}

export const detector = defineDetector<State>({
  id: 'go.tls-cipher-suites',
  summary: 'crypto/tls.',
  docs: `
    crypto/tls: \`CipherSuites\` listing suites outside Mozilla's intermediate profile (RC4, 3DES, CBC,
    static RSA key exchange; everything tls.InsecureCipherSuites() lists is among them). Each
    offending constant is reported, in literals, in later field writes, in \`append\` calls that build
    the list, and where the list takes the \`ID\` of a suite \`tls.InsecureCipherSuites()\` returns.
  `,
  rule: 'weak-cipher',
  languages: ['go'],
  apis: ['crypto/tls.Config.CipherSuites'],
  tokens: ['CipherSuites'],
  fixAvailability: 'sometimes',
  detect(file, report) {
    const lists: SuiteList[] = [];
    for (const lit of tlsConfigLiterals(file)) {
      const el = keyedElements(lit).get('CipherSuites');
      const list = listElements(file, el && elementValue(el));
      if (list) lists.push(list);
    }
    for (const w of tlsFieldWrites(file, ['CipherSuites'])) {
      const list = listElements(file, w.value);
      if (list) lists.push(list);
    }
    for (const { list, elements } of lists) {
      elements.forEach((el) => {
        if (fromInsecureSuites(file, el)) {
          report({
            node: el,
            message: `\`CipherSuites\` takes suites from \`tls.InsecureCipherSuites()\`: every one of them has a known weakness (RC4, 3DES, CBC with SHA-256, or static RSA key exchange).`,
            state: { list, elements },
          });
          return;
        }
        const name = suiteName(file, el);
        if (!name || classifyCipherSuite(name) === 'ok') return;
        const kind = classifyCipherSuite(name) === 'insecure' ? 'an insecure suite' : 'a weak suite';
        report({
          node: el,
          message: `\`CipherSuites\` enables ${kind}, \`${name}\`: ${suiteProblem(name)}.`,
          state: { list, elements },
        });
      });
    }
  },
  fix(file, r) {
    const { list, elements } = r.state;
    const tls = tlsQualifier(file, elements);
    if (!tls || list.type !== 'composite_literal') return undefined;
    // The whole list becomes Mozilla's intermediate profile (not one suite removed, which may leave
    // others as weak). Peers that only speak a dropped suite can no longer connect: review.
    const suites = MOZILLA_INTERMEDIATE_GO_SUITES.map((n) => `${tls}.${n}`);
    const indentAt = (offset: number) =>
      /^[ \t]*/.exec(file.text.slice(file.text.lastIndexOf('\n', offset - 1) + 1))![0];
    // A list written one suite per line stays so.
    const newText = list.text.includes('\n')
      ? `[]uint16{\n${suites.map((x) => `${indentAt(elements[0]?.startIndex ?? list.startIndex)}${x},`).join('\n')}\n${indentAt(list.endIndex - 1)}}`
      : `[]uint16{${suites.join(', ')}}`;
    return {
      title: "Use Mozilla's intermediate cipher suites",
      safety: 'unsafe',
      edits: [{ start: list.startIndex, end: list.endIndex, newText }],
    };
  },
  examples: {
    go: {
      bad: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{CipherSuites: []uint16{tls.TLS_RSA_WITH_RC4_128_SHA}}
      `,
      good: `
        package main

        import "crypto/tls"

        var cfg = &tls.Config{CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}
      `,
    },
  },
});
