// Go name resolution for crypto/tls: which local names the package is imported as, which composite
// literals are `tls.Config`, what a version constant evaluates to (constants resolved in the same
// file), and what type a receiver of a field write has (declarations in the enclosing function,
// then the file). No type checker: this is the part of the types a single file can tell.
import type { Node } from 'web-tree-sitter';
import type { SourceFile } from '../types';
import { folderOf, joinPath, type WorkspaceView } from '../workspace';
import { SINCE_SSL3 } from '../protocols';

export interface GoModel {
  /** Local package name -> import path (`t` -> `crypto/tls`); `.` imports are kept in `dotImports`. */
  imports: Map<string, string>;
  dotImports: Set<string>;
}

function importPath(spec: Node): string | undefined {
  const p = spec.childForFieldName('path');
  if (!p) return undefined;
  return p.text.replace(/^["`]|["`]$/g, '');
}

function buildModel(file: SourceFile): GoModel {
  const imports = new Map<string, string>();
  const dotImports = new Set<string>();
  for (const spec of file.nodes('import_spec')) {
    const path = importPath(spec);
    if (!path) continue;
    const name = spec.childForFieldName('name');
    if (name?.type === 'dot') dotImports.add(path);
    else if (name?.type === 'blank_identifier') continue;
    else if (name) imports.set(name.text, path);
    else imports.set(path.slice(path.lastIndexOf('/') + 1), path);
  }
  return { imports, dotImports };
}

export function goModel(file: SourceFile): GoModel {
  return file.memo('go.model', () => buildModel(file));
}

/** The local name `crypto/tls` is imported under (`tls` by default), or undefined (dot import or none). */
export function tlsPackageName(file: SourceFile): string | undefined {
  for (const [name, path] of goModel(file).imports) if (path === 'crypto/tls') return name;
  return undefined;
}

export function importsTls(file: SourceFile): boolean {
  const m = goModel(file);
  return tlsPackageName(file) !== undefined || m.dotImports.has('crypto/tls');
}

/**
 * The text to write for a crypto/tls member in this file (`tls.VersionTLS12`, `t.VersionTLS12`,
 * `VersionTLS12`), or undefined when the file does not import crypto/tls.
 */
export function tlsRef(file: SourceFile, member: string): string | undefined {
  const name = tlsPackageName(file);
  if (name) return `${name}.${member}`;
  return goModel(file).dotImports.has('crypto/tls') ? member : undefined;
}

/** Whether an expression names `pkg.member` (through the import's local name or a dot import). */
export function isPackageMember(
  file: SourceFile,
  node: Node | null | undefined,
  pkg: string,
  member?: string,
): string | undefined {
  if (!node) return undefined;
  const m = goModel(file);
  if (node.type === 'selector_expression') {
    const operand = node.childForFieldName('operand');
    const field = node.childForFieldName('field');
    if (operand?.type === 'identifier' && field && m.imports.get(operand.text) === pkg && !shadowed(file, operand)) {
      return member === undefined || field.text === member ? field.text : undefined;
    }
  } else if (node.type === 'identifier' && m.dotImports.has(pkg)) {
    return member === undefined || node.text === member ? node.text : undefined;
  }
  return undefined;
}

/** Whether a type node is `tls.Config` or `*tls.Config` (optionally through parentheses). */
export function isTlsConfigType(file: SourceFile, type: Node | null | undefined): boolean {
  if (!type) return false;
  if (type.type === 'pointer_type' || type.type === 'parenthesized_type')
    return isTlsConfigType(file, type.namedChildren[0]);
  if (type.type === 'qualified_type') {
    const pkg = type.childForFieldName('package');
    const name = type.childForFieldName('name');
    return name?.text === 'Config' && !!pkg && goModel(file).imports.get(pkg.text) === 'crypto/tls';
  }
  if (type.type === 'type_identifier') return type.text === 'Config' && goModel(file).dotImports.has('crypto/tls');
  return false;
}

/** Every `tls.Config{...}` composite literal of the file that configures something (not a test table's entry). */
export function tlsConfigLiterals(file: SourceFile): Node[] {
  return file.memo('go.tlsConfigLiterals', () =>
    file
      .nodes('composite_literal')
      .filter((n) => isTlsConfigType(file, n.childForFieldName('type')) && !inTestTable(file, n)),
  );
}

const TABLE_TYPES = new Set(['slice_type', 'array_type', 'implicit_length_array_type', 'map_type']);

/**
 * Whether a literal is an entry of a table in a `_test.go` file: nested (through `&`, fields and
 * struct literals) in a slice, array or map literal, such as `[]struct{ cfg *tls.Config }{{cfg: &tls.Config{...}}}`.
 * Table-driven tests list inputs and expected values there; they configure no connection by themselves.
 */
export function inTestTable(file: SourceFile, literal: Node): boolean {
  if (!file.path.endsWith('_test.go')) return false;
  for (let n = literal.parent; n; n = n.parent) {
    switch (n.type) {
      case 'unary_expression':
      case 'literal_element':
      case 'keyed_element':
      case 'literal_value':
        continue;
      case 'composite_literal': {
        const type = n.childForFieldName('type');
        if (type && TABLE_TYPES.has(type.type)) return true;
        continue;
      }
      default:
        return false;
    }
  }
  return false;
}

/** The keyed elements of a literal's body by field name. */
export function keyedElements(literal: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const body = literal.childForFieldName('body');
  for (const el of body?.namedChildren ?? []) {
    if (el?.type !== 'keyed_element') continue;
    const key = el.childForFieldName('key') ?? el.namedChildren[0];
    const k = key?.type === 'literal_element' ? key.namedChildren[0] : key;
    if (k?.type === 'identifier' || k?.type === 'field_identifier') out.set(k.text, el);
  }
  return out;
}

/** The text of a Go string literal's value (interpreted or raw), or undefined for any other node. */
export function goString(node: Node | null | undefined): string | undefined {
  if (node?.type === 'interpreted_string_literal' || node?.type === 'raw_string_literal') return node.text.slice(1, -1);
  return undefined;
}

/**
 * The elements of a literal's body keyed by a string (`kafka.ConfigMap{"key": value}`), with the key's text
 * and the value unwrapped.
 */
export function stringKeyedElements(literal: Node): { el: Node; key: string; value: Node | undefined }[] {
  const out: { el: Node; key: string; value: Node | undefined }[] = [];
  for (const el of literal.childForFieldName('body')?.namedChildren ?? []) {
    if (el?.type !== 'keyed_element') continue;
    const keyNode = el.childForFieldName('key') ?? el.namedChildren[0];
    const key = goString(keyNode?.type === 'literal_element' ? keyNode.namedChildren[0] : keyNode);
    if (key !== undefined) out.push({ el, key, value: elementValue(el) });
  }
  return out;
}

/** The value of a keyed element, unwrapped from its `literal_element`. */
export function elementValue(el: Node): Node | undefined {
  const v = el.childForFieldName('value') ?? el.namedChildren[el.namedChildren.length - 1];
  if (!v) return undefined;
  return v.type === 'literal_element' ? (v.namedChildren[0] ?? undefined) : v;
}

function unparen(node: Node | null | undefined): Node | undefined {
  let n = node ?? undefined;
  while (n && n.type === 'parenthesized_expression') n = n.namedChildren[0] ?? undefined;
  return n;
}

const SCOPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

function enclosingScopes(node: Node): Node[] {
  const out: Node[] = [];
  for (let p = node.parent; p; p = p.parent) if (SCOPES.has(p.type) || p.type === 'source_file') out.push(p);
  return out;
}

export interface Declaration {
  kind: 'const' | 'var' | 'short' | 'param' | 'range' | 'other';
  /** The declared type, when written. */
  type?: Node | undefined;
  /** The value assigned at the declaration, when there is exactly one for this name. */
  value?: Node | undefined;
  name: Node;
}

function declsIn(scope: Node, name: string, before: number, file: SourceFile): Declaration[] {
  const out: Declaration[] = [];
  const inScope = (n: Node) => {
    // The declaration's nearest scope must be this scope (not a nested function).
    for (let p = n.parent; p; p = p.parent)
      if (SCOPES.has(p.type) || p.type === 'source_file') return p.id === scope.id;
    return false;
  };
  // The declarations that may declare `name`, indexed once per file (a walk of every declaration for each
  // name read was quadratic on large files).
  const byName = file.memo('go.declsByName', () => {
    const out = new Map<string, Node[]>();
    const add = (n: Node | null | undefined, d: Node) => {
      if (n?.type !== 'identifier') return;
      const list = out.get(n.text);
      if (list) {
        if (list[list.length - 1]?.id !== d.id) list.push(d);
      } else out.set(n.text, [d]);
    };
    for (const d of file.nodes(
      'const_spec',
      'var_spec',
      'short_var_declaration',
      'parameter_declaration',
      'range_clause',
      'receiver',
    )) {
      if (d.type === 'const_spec' || d.type === 'var_spec' || d.type === 'parameter_declaration')
        for (const n of d.childrenForFieldName('name')) add(n, d);
      else for (const n of d.childForFieldName('left')?.namedChildren ?? []) add(n, d);
    }
    return out;
  });
  for (const d of byName.get(name) ?? []) {
    if (d.startIndex < scope.startIndex || d.endIndex > scope.endIndex || !inScope(d)) continue;
    if (scope.type !== 'source_file' && d.startIndex > before) continue;
    if (d.type === 'const_spec' || d.type === 'var_spec') {
      const names = d.childrenForFieldName('name').filter((n): n is Node => !!n);
      const idx = names.findIndex((n) => n.text === name);
      if (idx < 0) continue;
      const values = d.childForFieldName('value')?.namedChildren.filter((n): n is Node => !!n) ?? [];
      const type = d.childForFieldName('type') ?? undefined;
      out.push({
        kind: d.type === 'const_spec' ? 'const' : 'var',
        type,
        value: values.length === names.length ? values[idx] : undefined,
        name: names[idx],
      });
    } else if (d.type === 'short_var_declaration') {
      const left = d.childForFieldName('left')?.namedChildren.filter((n): n is Node => !!n) ?? [];
      const idx = left.findIndex((n) => n.text === name);
      if (idx < 0) continue;
      const right = d.childForFieldName('right')?.namedChildren.filter((n): n is Node => !!n) ?? [];
      out.push({ kind: 'short', value: right.length === left.length ? right[idx] : undefined, name: left[idx] });
    } else if (d.type === 'parameter_declaration') {
      const names = d.childrenForFieldName('name').filter((n): n is Node => !!n);
      const n = names.find((x) => x.text === name);
      if (n) out.push({ kind: 'param', type: d.childForFieldName('type') ?? undefined, name: n });
    } else {
      const left = d.childForFieldName('left')?.namedChildren.filter((n): n is Node => !!n) ?? [];
      const n = left.find((x) => x.text === name);
      if (n) out.push({ kind: d.type === 'receiver' ? 'param' : 'range', name: n });
    }
  }
  return out;
}

/** The declaration an identifier refers to: the innermost function first (last one before the use), then the file. */
export function declarationOf(file: SourceFile, ident: Node): Declaration | undefined {
  for (const scope of enclosingScopes(ident)) {
    const decls = declsIn(scope, ident.text, ident.startIndex, file).filter((d) => d.name.id !== ident.id);
    if (decls.length === 0) continue;
    // In the file scope several declarations of one name are a redeclaration (or build-tagged): unknown.
    if (scope.type === 'source_file' && decls.length > 1) return undefined;
    return decls[decls.length - 1];
  }
  return undefined;
}

/**
 * A probe's constant (engine/calls) for a parameter of the package-level function a probe lint names
 * (`insecure` of `func New(insecure bool)` probed with `true`), as a node; undefined otherwise. A caller's
 * argument is no value here: engine/calls reports the call site.
 */
function probedParameter(file: SourceFile, d: Declaration, use: Node): Node | undefined {
  const probe = file.probe;
  const decl = d.name.parent;
  if (!probe || d.kind !== 'param' || probe.index === undefined || decl?.type !== 'parameter_declaration')
    return undefined;
  const fn = decl.parent?.parent;
  if (fn?.type !== 'function_declaration' || fn.parent?.type !== 'source_file') return undefined;
  if (
    fn.childForFieldName('name')?.text !== probe.function ||
    !decl.parent?.equals(fn.childForFieldName('parameters')!)
  )
    return undefined;
  let index = 0;
  for (const p of decl.parent.namedChildren) {
    if (p?.type !== 'parameter_declaration') continue;
    for (const name of p.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.equals(d.name)) return index === probe.index ? file.workspace?.probeNode(probe.text, use) : undefined;
      index++;
    }
  }
  return undefined;
}

/** Whether an identifier is a local name that shadows an imported package. */
function shadowed(file: SourceFile, ident: Node): boolean {
  for (const scope of enclosingScopes(ident)) {
    if (scope.type === 'source_file') return false;
    if (declsIn(scope, ident.text, ident.startIndex, file).length > 0) return true;
  }
  return false;
}

export const TLS_VERSIONS: Record<string, number> = {
  VersionSSL30: 0x0300,
  VersionTLS10: 0x0301,
  VersionTLS11: 0x0302,
  VersionTLS12: 0x0303,
  VersionTLS13: 0x0304,
};

/** A version number as the standards name it (`TLS 1.1`), or in hex when crypto/tls has no such version. */
export function versionName(v: number): string {
  return SINCE_SSL3.find((p) => p.wire === v)?.label ?? `0x${v.toString(16).padStart(4, '0')}`;
}

/**
 * The integer value of a constant expression: an int literal, a crypto/tls version or cipher constant,
 * or a constant (or package-level variable) declared in the same file. Undefined when unknown.
 */
export function constInt(
  file: SourceFile,
  node: Node | null | undefined,
  table: Record<string, number> = TLS_VERSIONS,
  depth = 0,
): number | undefined {
  const n = unparen(node);
  if (!n || depth > 6) return undefined;
  if (n.type === 'int_literal') {
    const t = n.text.replace(/_/g, '');
    const v = /^0[xX]/.test(t)
      ? parseInt(t.slice(2), 16)
      : /^0[oO]/.test(t)
        ? parseInt(t.slice(2), 8)
        : /^0\d/.test(t)
          ? parseInt(t, 8)
          : parseInt(t, 10);
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'call_expression') {
    // uint16(x) conversions.
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn?.type === 'identifier' && /^u?int(8|16|32|64)?$/.test(fn.text) && args.length === 1)
      return constInt(file, args[0], table, depth + 1);
    return undefined;
  }
  const member = isPackageMember(file, n, 'crypto/tls');
  if (member !== undefined && member in table && (n.type === 'selector_expression' || !declarationOf(file, n)))
    return table[member];
  const v = boundValue(file, n);
  return v ? constInt(file, v, table, depth + 1) : undefined;
}

/**
 * The value a name stands for, one step: an imported package's constant (`pkg.Min`), a constant of the
 * package's other files (engine/workspace), or the file's own constant, or variable when declared once and
 * never reassigned in the file (a parameter: the constant a probe gives it).
 */
function boundValue(file: SourceFile, n: Node): Node | undefined {
  if (n.type === 'selector_expression') return importedValue(file, n);
  if (n.type !== 'identifier') return undefined;
  const d = declarationOf(file, n);
  if (!d) return packageValue(file, n);
  const value = d.value ?? probedParameter(file, d, n);
  if (!value || (d.kind !== 'const' && reassigned(file, n.text))) return undefined;
  return value;
}

function reassigned(file: SourceFile, name: string): boolean {
  return file.nodes('assignment_statement', 'inc_statement', 'dec_statement').some((a) => {
    const left = a.childForFieldName('left') ?? a.namedChildren[0];
    return !!left && (left.type === 'expression_list' ? left.namedChildren : [left]).some((l) => l?.text === name);
  });
}

/** Whether an expression is the constant `true` (literally or through a constant of the file). */
export function isTrue(file: SourceFile, node: Node | null | undefined, depth = 0): boolean {
  return isBoolConstant(file, node, true, depth);
}

/** Whether an expression is the constant `want` (`true`; `!false`; `!disabled` where `disabled` is a false constant; a name bound to one). */
function isBoolConstant(file: SourceFile, node: Node | null | undefined, want: boolean, depth: number): boolean {
  const n = unparen(node);
  if (!n || depth > 6) return false;
  if (n.type === (want ? 'true' : 'false')) return true;
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '!')
    return isBoolConstant(file, n.childForFieldName('operand'), !want, depth + 1);
  const v = boundValue(file, n);
  return v ? isBoolConstant(file, v, want, depth + 1) : false;
}

/** Whether an expression is the constant false: a name that says "insecure" holding one is no opt-in path. */
export function isFalseConstant(file: SourceFile, node: Node | null | undefined): boolean {
  return isBoolConstant(file, node, false, 0);
}

/** Fields of net/http, net/smtp and other standard structs that hold a *tls.Config. */
const TLS_CONFIG_FIELDS = new Set(['TLSClientConfig', 'TLSConfig', 'TLSClientCfg']);

/**
 * What an expression is, as far as tls.Config goes: 'yes' when it is a tls.Config (or pointer),
 * 'no' when it is known to be something else, 'unknown' otherwise.
 */
export function tlsConfigness(file: SourceFile, node: Node | null | undefined, depth = 0): 'yes' | 'no' | 'unknown' {
  const n = unparen(node);
  if (!n || depth > 6) return 'unknown';
  switch (n.type) {
    case 'unary_expression':
      return tlsConfigness(file, n.childForFieldName('operand'), depth + 1);
    case 'composite_literal':
      return isTlsConfigType(file, n.childForFieldName('type')) ? 'yes' : 'no';
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      if (fn?.type === 'identifier' && fn.text === 'new' && args[0])
        return isTlsConfigType(file, args[0]) ? 'yes' : 'no';
      if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Clone') {
        return tlsConfigness(file, fn.childForFieldName('operand'), depth + 1);
      }
      return 'unknown';
    }
    case 'selector_expression': {
      const field = n.childForFieldName('field')?.text ?? '';
      if (TLS_CONFIG_FIELDS.has(field)) return 'yes';
      return 'unknown';
    }
    case 'identifier': {
      const d = declarationOf(file, n);
      if (!d) return 'unknown';
      if (d.type) return isTlsConfigType(file, d.type) ? 'yes' : 'no';
      if (d.value) return tlsConfigness(file, d.value, depth + 1);
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** A field write `x.Field = value` on a tls.Config: the statement, the receiver and the value. */
export interface FieldWrite {
  statement: Node;
  receiver: Node;
  field: string;
  value: Node;
  /** 'yes' when the receiver is known to be a tls.Config, 'unknown' when it cannot be told. */
  confidence: 'yes' | 'unknown';
}

/** Whether a receiver's path has a TLS-named step (`config.Net.TLS.Config`, `tlsConfig`, `c.TLSOpts`). */
function namesTls(receiver: Node): boolean {
  return receiver.text.split('.').some((step) => /^(?:tls|TLS|Tls)(?:[A-Z_]|$)/.test(step.replace(/^[*&(]+/, '')));
}

/** Single-target field writes `recv.<field> = value` whose receiver is (or may be) a tls.Config. */
export function tlsFieldWrites(file: SourceFile, fields: readonly string[]): FieldWrite[] {
  const out: FieldWrite[] = [];
  for (const st of file.nodes('assignment_statement')) {
    if (st.childForFieldName('operator')?.text !== '=') continue;
    const left = st.childForFieldName('left')?.namedChildren ?? [];
    const right = st.childForFieldName('right')?.namedChildren ?? [];
    if (left.length !== 1 || right.length !== 1 || !left[0] || !right[0]) continue;
    const sel = left[0];
    if (sel.type !== 'selector_expression') continue;
    const field = sel.childForFieldName('field')?.text;
    const receiver = sel.childForFieldName('operand');
    if (!field || !receiver || !fields.includes(field)) continue;
    const kind = tlsConfigness(file, receiver);
    // An unknown receiver counts only in a file that uses crypto/tls, or when its path names TLS
    // (`config.Net.TLS.Config`, `opts.TLS`, `tlsCfg`): other packages copy the field names.
    if (kind === 'no' || (kind === 'unknown' && !importsTls(file) && !namesTls(receiver))) continue;
    out.push({ statement: st, receiver, field, value: right[0], confidence: kind });
  }
  return out;
}

export { indentAt } from '../text';

/**
 * The edit that removes a keyed element with its separating comma: the whole line when the element
 * sits alone on it, else the element and the comma after it.
 */
export function removeElementEdit(text: string, el: Node): { start: number; end: number; newText: string } {
  let end = el.endIndex;
  const after = /^[ \t]*,?/.exec(text.slice(end))![0];
  end += after.length;
  const lineStart = text.lastIndexOf('\n', el.startIndex - 1) + 1;
  const before = text.slice(lineStart, el.startIndex);
  const rest = /^[ \t]*(\/\/[^\n]*)?(\r?\n|$)/.exec(text.slice(end));
  if (/^[ \t]*$/.test(before) && rest && !rest[1]) {
    return { start: lineStart, end: end + rest[0].length, newText: '' };
  }
  if (/^[ \t]*$/.test(before) && rest && rest[1]) {
    // A trailing comment stays out of it: remove the element only.
    return { start: el.startIndex, end, newText: '' };
  }
  const spaces = /^[ \t]*/.exec(text.slice(end))![0];
  return { start: el.startIndex, end: end + spaces.length, newText: '' };
}

/**
 * Whether replacing this value expression in place keeps the program compiling: literals and
 * constants yes; a local variable would be left unused (a compile error in Go), so no.
 */
export function replaceableInPlace(file: SourceFile, value: Node): boolean {
  const n = unparen(value);
  if (!n || n.type !== 'identifier') return true;
  const d = declarationOf(file, n);
  if (!d) return false;
  if (d.kind === 'const') return true;
  return enclosingScopes(d.name)[0]?.type === 'source_file';
}

// --- Across files (engine/workspace): package-level names another file of the package declares. ---

/** The package clause's name. */
export function packageName(file: SourceFile): string | undefined {
  return file.memo('go.package', () => {
    const root = file.tree?.rootNode;
    const clause = root?.namedChildren.find((c) => c?.type === 'package_clause');
    return clause?.namedChildren[0]?.text;
  });
}

/**
 * The value of a package-level constant or variable that another file of the same package (same folder,
 * same package clause) declares with a constant value, as a node (engine/workspace); test files see the
 * package's other files, the others never see test files. Undefined when this file declares the name,
 * no other file or more than one does, or the value is not a constant.
 */
export function packageValue(file: SourceFile, ident: Node): Node | undefined {
  const view = file.workspace;
  if (!view || ident.type !== 'identifier') return undefined;
  // A selector's field (`cfg.Insecure`) is not a package-level name.
  const parent = ident.parent;
  if (parent?.type === 'selector_expression' && parent.childForFieldName('field')?.id === ident.id) return undefined;
  const pkg = packageName(file);
  if (!pkg || ['true', 'false', 'nil', 'iota'].includes(ident.text)) return undefined;
  // Declared at this file's top level (a redeclaration declarationOf leaves unknown): not the other file's.
  // Declarations in functions are declarationOf's: it found none in scope, or this is not reached.
  const declared = file
    .nodes('const_spec', 'var_spec')
    .some((d) =>
      d.parent?.parent?.parent?.type === 'source_file' || d.parent?.parent?.type === 'source_file'
        ? d.childrenForFieldName('name').some((n) => n?.text === ident.text)
        : false,
    );
  if (declared) return undefined;
  const isTest = /_test\.go$/.test(file.path);
  const hits = view
    .folder(folderOf(file.path), '.go')
    .filter((s) => s.language === 'go' && s.package === pkg && (isTest || !/_test\.go$/.test(s.path)))
    .filter((s) => ident.text in s.constants);
  if (hits.length !== 1) return undefined;
  return view.valueNode(hits[0].constants[ident.text], hits[0], ident);
}

/**
 * The value of an exported package-level constant or variable of another package of the same module
 * (`tlsconf.SkipVerify`, where the file imports `<module path>/internal/tlsconf`), found through go.mod's
 * module path and the package's folder (engine/workspace). Undefined when the import is not of this
 * module, no non-test file of the package or more than one declares the name, or it is not a constant.
 */
export function importedValue(file: SourceFile, sel: Node): Node | undefined {
  const view = file.workspace;
  if (!view || sel.type !== 'selector_expression') return undefined;
  const operand = sel.childForFieldName('operand');
  const field = sel.childForFieldName('field');
  if (operand?.type !== 'identifier' || !field || !/^[A-Z]/.test(field.text)) return undefined;
  const folder = modulePackageFolder(file, operand);
  if (folder === undefined) return undefined;
  const hits = view
    .folder(folder, '.go')
    .filter((s) => s.language === 'go' && !/_test\.go$/.test(s.path) && field.text in s.constants);
  if (hits.length !== 1) return undefined;
  return view.valueNode(hits[0].constants[field.text], hits[0], sel);
}

/**
 * The folder of the package of this file's module that a package name names (`tlsconf` imported as
 * `<module path>/internal/tlsconf`), found through go.mod; undefined when it is no import of this module.
 */
export function modulePackageFolder(file: SourceFile, operand: Node): string | undefined {
  const importPath = goModel(file).imports.get(operand.text);
  if (!importPath || importPath === 'crypto/tls' || !importPath.includes('.') || shadowed(file, operand))
    return undefined;
  const mod = goModule(file);
  return mod ? packageFolderIn(mod, importPath) : undefined;
}

/** The folder of the module's package an import path names (`<module>/client`), or undefined for another module's. */
export function packageFolderIn(mod: { folder: string; path: string }, importPath: string): string | undefined {
  const rest =
    importPath === mod.path ? '' : importPath.startsWith(`${mod.path}/`) ? importPath.slice(mod.path.length + 1) : null;
  return rest === null ? undefined : joinPath(mod.folder, rest);
}

/** The module a file belongs to: the nearest go.mod above it, its folder and module path. */
function goModule(file: SourceFile): { folder: string; path: string } | undefined {
  return file.memo('go.module', () => {
    const view = file.workspace;
    return view ? goModuleIn(view, file.path) : undefined;
  });
}

/** The module a file at a path belongs to: its go.mod's folder and module path, from the nearest go.mod up. */
export function goModuleIn(view: WorkspaceView, path: string): { folder: string; path: string } | undefined {
  const candidates: string[] = [];
  for (let dir = folderOf(path); ; dir = folderOf(dir)) {
    candidates.push(joinPath(dir, 'go.mod'));
    if (!dir || dir.startsWith('..')) break;
  }
  const mod = view.module(candidates);
  return mod?.package ? { folder: folderOf(mod.path), path: mod.package } : undefined;
}
