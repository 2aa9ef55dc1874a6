// Intent: one concept in every language (rules.md §Intent). Decides, from the syntax around a finding,
// whether its insecure value is
// - an opt-in path: a caller's flag, parameter or setting controls it (`if not verify:`, a ternary on
//   `opts.insecure`, `InsecureSkipVerify: cfg.Insecure`, `func Insecure()`): still reported, as its own kind;
// - not configuration at all: an assertion's operand or expected value (`assertEqual(x, PROTOCOL_TLSv1)`,
//   `expect(v).toBe('TLSv1')`, `if got != tls.VersionTLS10`), code an assertion expects to fail
//   (`t.throwsAsync(...)`, `with pytest.raises(...):`), a row of a table of test inputs, or a value a local
//   variable is given and the next statement overwrites before anything reads it.
// One walk up the tree with small per-language tables of node types; no detector special-cases it.
import { noteBound, noteWord, unrecorded } from './reads';
import type { Node } from 'web-tree-sitter';
import { FUNCTION_TYPES as JS_FUNCTION_TYPES } from './languages/javascript';
import type { LanguageId, Range, SourceFile } from './types';

/** What the engine concluded about a finding's intent. */
export type Intent =
  | { kind: 'opt-in'; flag: Range; flagText: string; why: 'condition' | 'value' | 'function' }
  | { kind: 'not-configuration'; why: 'assertion' | 'comparison' | 'test-table' | 'dead-store' }
  | undefined;

/**
 * A name that asks for the insecure mode (normalized: lower case, no `_`, `-`, `$`): `insecure`,
 * `skip_verify`, `no_ssl_verify`, `trust_all`, `trust_certificates`, `allow_self_signed`, `self_cert`, `dangerous`...
 */
const INSECURE_NAME =
  /insecure|unsafe|unverified|dangerous|(skip|no|disable|disabled|ignore|bypass|without)(ssl|tls|cert|certs|certificate|host|hostname|peer)*(verif|valid|check|error)|trustall|trustany|trustservercert|trust(cert|certs|certificate|certificates)$|acceptall|acceptany|acceptinvalid|allowinvalid|allowselfsigned|selfsign|selfcert|ignore(ssl|tls|cert)/;

/**
 * A name of a verification setting (whose false value is the insecure mode): `verify`, `validate_certs`,
 * `verify_ssl`, `check_hostname`, `rejectUnauthorized`, `strict_ssl`, `secure`, urllib3's `assert_hostname`...
 */
const VERIFY_NAME =
  /^(is|should|use|do|enable|enabled)?(ssl|tls|cert|certs|certificate|certificates|peer|host|hostname|server)?(verify|verification|verified|validate|validation|check)(ssl|tls|cert|certs|certificate|certificates|peer|host|hostname|mode|server|ca){0,2}p?$|^rejectunauthorized$|^strictssl$|^secure$|^(ssl)?certreqs$|^(pg)?sslmode$|^(ssl)?asserthostname$/;

/**
 * A function or method named for the insecure mode (`func Insecure()`, `def insecure_client()`). Names
 * that describe behaviour (`trustAll`, `allowSelfSigned`) are not: a verifier callback is usually
 * named for what it does, and it is the finding itself, not a path to it.
 */
const INSECURE_FUNCTION =
  /insecure|unsafe|unverified|dangerous|(skip|no|disable|without)(ssl|tls|cert|certs|host|hostname|peer)*verif/;

function normalize(text: string): string {
  return text
    .replace(/^["'`]|["'`]$/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** Whether a name (identifier, field, option key, environment variable) reads as a verification flag. */
export function isFlagName(text: string): boolean {
  const n = normalize(text);
  return n.length > 0 && n.length <= 60 && (INSECURE_NAME.test(n) || VERIFY_NAME.test(n));
}

/** Per grammar family: the node types the walk looks at. */
interface Table {
  /** Conditionals (`if`, ternary, `#ifdef`): node type → the field holding the condition. */
  conditionals: Record<string, string>;
  /** Short-circuit guards (`insecure && {...}`): node types whose left operand guards the right. */
  guards: string[];
  /** Function-like declarations, whose name may say "insecure". */
  functions: string[];
  /** Calls (their callee decides whether they are assertions). */
  calls: string[];
  /** Assertion statements (`assert x == y`). */
  assertStatements: string[];
  /** Comparisons: binary node types; the operator decides. */
  comparisons: string[];
  /** Sequence literals that may be a table of rows. */
  sequences: string[];
  /** Element types that make a row (tuple, struct literal, object, nested array). */
  rows: RegExp;
  /** Map literals that may be a keyed table of rows (`{ name: [input, expected], ... }`). */
  maps?: string[];
  /** Nodes that end the walk for expected-value checks (statement boundaries are enough for most). */
}

const COMMON_ROWS =
  /tuple|^list$|array|dictionary|object|literal_value|initializer|struct_expression|^hash$|composite_literal|anonymous_object/;

const TABLES: Partial<Record<LanguageId, Table>> = {};

function table(ids: LanguageId[], t: Table): void {
  for (const id of ids) TABLES[id] = t;
}

table(['python'], {
  conditionals: { if_statement: 'condition', elif_clause: 'condition', conditional_expression: '' },
  guards: ['boolean_operator'],
  functions: ['function_definition'],
  calls: ['call'],
  assertStatements: ['assert_statement'],
  comparisons: ['comparison_operator'],
  sequences: ['list', 'tuple', 'set'],
  rows: COMMON_ROWS,
  maps: ['dictionary'],
});
table(['javascript', 'typescript', 'tsx'], {
  conditionals: { if_statement: 'condition', ternary_expression: 'condition', switch_statement: 'value' },
  guards: ['binary_expression'],
  functions: [...JS_FUNCTION_TYPES],
  calls: ['call_expression'],
  assertStatements: [],
  comparisons: ['binary_expression'],
  sequences: ['array'],
  rows: COMMON_ROWS,
  maps: ['object'],
});
table(['go'], {
  conditionals: { if_statement: 'condition' },
  guards: ['binary_expression'],
  functions: ['function_declaration', 'method_declaration'],
  calls: ['call_expression'],
  assertStatements: [],
  comparisons: ['binary_expression'],
  sequences: ['literal_value'],
  rows: COMMON_ROWS,
});
table(['java'], {
  conditionals: { if_statement: 'condition', ternary_expression: 'condition' },
  guards: ['binary_expression'],
  functions: ['method_declaration', 'constructor_declaration'],
  calls: ['method_invocation', 'annotation'],
  assertStatements: ['assert_statement'],
  comparisons: ['binary_expression'],
  sequences: ['array_initializer'],
  rows: COMMON_ROWS,
});
table(['kotlin'], {
  conditionals: { if_expression: 'condition' },
  guards: ['conjunction_expression', 'binary_expression'],
  functions: ['function_declaration'],
  calls: ['call_expression'],
  assertStatements: [],
  comparisons: ['equality_expression', 'comparison_expression', 'binary_expression'],
  sequences: [],
  rows: COMMON_ROWS,
});
table(['csharp'], {
  conditionals: { if_statement: 'condition', conditional_expression: 'condition' },
  guards: ['binary_expression'],
  functions: ['method_declaration', 'local_function_statement', 'constructor_declaration'],
  calls: ['invocation_expression', 'attribute'],
  assertStatements: [],
  comparisons: ['binary_expression'],
  sequences: ['initializer_expression'],
  rows: COMMON_ROWS,
});
table(['c', 'cpp'], {
  conditionals: {
    if_statement: 'condition',
    conditional_expression: 'condition',
    preproc_ifdef: 'name',
    preproc_if: 'condition',
    preproc_elif: 'condition',
  },
  guards: ['binary_expression'],
  functions: ['function_definition'],
  calls: ['call_expression'],
  assertStatements: [],
  comparisons: ['binary_expression'],
  sequences: ['initializer_list'],
  rows: COMMON_ROWS,
});
table(['ruby'], {
  conditionals: {
    if: 'condition',
    elsif: 'condition',
    unless: 'condition',
    if_modifier: 'condition',
    unless_modifier: 'condition',
    conditional: 'condition',
  },
  guards: ['binary'],
  functions: ['method', 'singleton_method'],
  calls: ['call'],
  assertStatements: [],
  comparisons: ['binary'],
  sequences: ['array'],
  rows: COMMON_ROWS,
  maps: ['hash'],
});
table(['php'], {
  conditionals: { if_statement: 'condition', else_if_clause: 'condition', conditional_expression: 'condition' },
  guards: ['binary_expression'],
  functions: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
  calls: [
    'function_call_expression',
    'member_call_expression',
    'scoped_call_expression',
    'nullsafe_member_call_expression',
  ],
  assertStatements: [],
  comparisons: ['binary_expression'],
  sequences: ['array_creation_expression'],
  rows: /array_creation_expression|object_creation_expression/,
});
table(['rust'], {
  conditionals: { if_expression: 'condition' },
  guards: ['binary_expression'],
  functions: ['function_item'],
  calls: ['call_expression', 'macro_invocation'],
  assertStatements: [],
  comparisons: ['binary_expression'],
  sequences: ['array_expression'],
  rows: COMMON_ROWS,
});
table(['shell', 'dockerfile'], {
  conditionals: { if_statement: 'condition', elif_clause: 'condition' },
  guards: ['list'],
  functions: ['function_definition'],
  calls: [],
  assertStatements: [],
  comparisons: [],
  sequences: [],
  rows: COMMON_ROWS,
});

const COMPARISON_OPERATORS = new Set([
  '==',
  '!=',
  '===',
  '!==',
  'is',
  'is not',
  '<',
  '>',
  '<=',
  '>=',
  '<>',
  'eq',
  'ne',
]);
const GUARD_OPERATORS = new Set(['&&', 'and', '||', 'or']);

/** The operator token of a binary node (the first anonymous child between its operands). */
function operatorOf(node: Node): string | undefined {
  const op = node.childForFieldName('operator');
  if (op) return op.text;
  for (let i = 1; i < node.childCount - 1; i++) {
    const c = node.child(i);
    if (c && !c.isNamed) return c.text;
  }
  // Python's `is not` / `not in` are two tokens.
  return undefined;
}

const ASSIGNMENTS = new Set(['assignment', 'assignment_expression', 'assignment_statement']);

/** A statement's assignment to a plain local name: the name and the value, or undefined. */
function plainAssignment(st: Node | null): { name: string; value: Node } | undefined {
  let a = st;
  if (a?.type === 'expression_statement' && a.namedChildCount === 1) a = a.namedChild(0);
  if (!a || !ASSIGNMENTS.has(a.type)) return undefined;
  const kids = a.namedChildren.filter((c): c is Node => !!c && !/comment/.test(c.type));
  const left = a.childForFieldName('left') ?? kids[0];
  const value = a.childForFieldName('right') ?? kids[kids.length - 1];
  if (!left || !value || left.id === value.id || !/identifier$/.test(left.type)) return undefined;
  if (a.children.some((c) => !!c && !c.isNamed && /^[-+*/%|&^]=|\?\?=|<<=|>>=/.test(c.text))) return undefined;
  return { name: left.text, value };
}

/**
 * Whether `node` is (part of) a value, with no call in between, that an assignment gives a local name
 * and the very next statement assigns again without reading it (`spec = COMPATIBLE_TLS; spec = CLEARTEXT`
 * in an API-surface test): the value never reaches anything.
 */
function overwrittenBeforeUse(node: Node): boolean {
  for (let p = node.parent, child: Node = node; p; child = p, p = p.parent) {
    if (/call|invocation|creation|lambda|function|closure|block|body/.test(p.type)) return false;
    if (!ASSIGNMENTS.has(p.type)) continue;
    const st = p.parent?.type === 'expression_statement' ? p.parent : p;
    const own = plainAssignment(st);
    if (!own || own.value.id !== child.id) return false;
    let next = st.nextNamedSibling;
    while (next && /comment/.test(next.type)) next = next.nextNamedSibling;
    const again = plainAssignment(next);
    return (
      !!again &&
      again.name === own.name &&
      !new RegExp(`\\b${own.name.replace(/\$/g, '\\$')}\\b`).test(again.value.text)
    );
  }
  return false;
}

/**
 * Kotlin's grammar reads a call with explicit type arguments (`arrayOf<X509TrustManager>(object : ...)`)
 * as the comparison `(arrayOf < X509TrustManager) > (...)`; chaining `<` into `>` is never a real
 * comparison there, so it is a call, not an expected value.
 */
function isMisparsedGenericCall(p: Node): boolean {
  const left = p.namedChild(0);
  const right = p.namedChild(p.namedChildCount - 1);
  return (
    operatorOf(p) === '>' &&
    left?.type === p.type &&
    operatorOf(left) === '<' &&
    right?.type === 'parenthesized_expression'
  );
}

/** Leaves of an expression that can carry a name: identifiers, fields, option keys, env var names. */
function nameLeaves(node: Node, out: Node[] = [], budget = { n: 200 }): Node[] {
  if (budget.n-- <= 0) return out;
  if (node.namedChildCount === 0) {
    if (node.isNamed) out.push(node);
    return out;
  }
  for (const c of node.namedChildren) if (c) nameLeaves(c, out, budget);
  return out;
}

/** The first leaf of a condition that names a verification flag; `ssl`/`tls` alone only when negated. */
function flagIn(cond: Node): Node | undefined {
  for (const leaf of nameLeaves(cond)) {
    if (/comment/.test(leaf.type)) continue;
    if (isFlagName(leaf.text)) return leaf;
  }
  // aiohttp's `if ssl is False:` / `if not ssl:`: the parameter named for the transport itself.
  const t = cond.text.replace(/\s+/g, ' ').trim();
  if (/^(\(\s*)?(not |!)\s*(ssl|tls)\b|\b(ssl|tls) (is|==|===) (False|false)\b/.test(t)) {
    return nameLeaves(cond).find((l) => /^(ssl|tls)$/.test(l.text));
  }
  return undefined;
}

/** Whether `inner` lies within `outer` (by offsets). */
function within(inner: Node, outer: Node | null | undefined): boolean {
  return !!outer && inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

function conditionOf(p: Node, field: string): Node | null {
  if (field) return p.childForFieldName(field);
  // Python's `a if cond else b`: the condition is the second named child.
  return p.namedChild(1);
}

/** The name node of a function-like declaration (C declarators, JS arrows bound to a name). */
function functionName(fn: Node): Node | null {
  const own = fn.childForFieldName('name');
  if (own) return own;
  let d = fn.childForFieldName('declarator');
  while (d && d.type !== 'identifier' && d.type !== 'field_identifier') {
    d = d.childForFieldName('declarator') ?? d.namedChild(0);
  }
  if (d) return d;
  const parent = fn.parent;
  if (
    parent &&
    (parent.type === 'variable_declarator' || parent.type === 'pair' || parent.type === 'assignment_expression')
  )
    return parent.childForFieldName('name') ?? parent.childForFieldName('key') ?? parent.childForFieldName('left');
  return null;
}

/** The text a call names as its callee (`self.assertEqual`, `expect(x).toBe`, `Assert.Equal`, `assert_eq`). */
function calleeText(call: Node): string {
  const f =
    call.childForFieldName('function') ??
    call.childForFieldName('macro') ??
    (call.type === 'method_invocation' ||
    call.type === 'call' ||
    call.type.endsWith('member_call_expression') ||
    call.type === 'scoped_call_expression'
      ? null
      : call.namedChild(0));
  if (f) return f.text;
  const name = call.childForFieldName('name') ?? call.childForFieldName('method');
  const object =
    call.childForFieldName('object') ?? call.childForFieldName('receiver') ?? call.childForFieldName('scope');
  return (object ? object.text + '.' : '') + (name?.text ?? '');
}

/** The node holding a call's arguments (to tell an argument from the callee). */
function argumentsOf(call: Node): Node | null {
  return (
    call.childForFieldName('arguments') ??
    call.namedChildren.find((c) => !!c && /argument|value_arguments|token_tree/.test(c.type)) ??
    null
  );
}

/** tap/tape/ava assertion methods, called on the test's handle (`t.same`, `t.strictSame`, `t.like`). */
const TEST_HANDLE_ASSERTIONS =
  /^(same|strictSame|notSame|strictNotSame|deepEqual|deepEquals|deepStrictEqual|notDeepEqual|equal|equals|strictEqual|notEqual|notStrictEqual|match|notMatch|has|hasStrict|hasProp|like|unlike|is|not|ok|notOk|truthy|falsy|isEqual|isDeepEqual)$/;

/** Callees whose arguments are expected values: xUnit/JUnit/PHPUnit/testify/Jest/RSpec assertions. */
function isAssertionCallee(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  const last = t.split(/\.|::|->|\?\./).pop() ?? '';
  if (/^(assert|refute|expect)/i.test(last)) return true;
  if (/^(expect|assert|should)\b/i.test(t)) return true;
  // Chai/should.js on a value: `subject.ssl?.should.eql({...})`, `res.should.have.property(...)`.
  if (/(^|\.|\?\.)should(\.|\?\.)/.test(t)) return true;
  // AssertJ, Truth, Kotest, assertk chains: `assertThat(specs).doesNotContain(x)`, `expectThat(v).isEqualTo(x)`.
  if (/^(assert|expect)\w*(<[^>]*>)?\(/i.test(t)) return true;
  // tap/tape/ava and node:test plans on the test's handle: `t.same(x, {...})`, `t.deepEqual`, `p.strictEqual`.
  const handle = /^(?:t|tt|st|t\d|p|plan|planner)\.(\w+)$/.exec(t);
  if (handle && TEST_HANDLE_ASSERTIONS.test(handle[1])) return true;
  // testify (`require.Equal`, `assert.True`), xUnit/NUnit/MSTest (`Assert.AreEqual`), AssertJ/Hamcrest.
  return /(^|[.:>])(assert|require|Assert|Assertions|CollectionAssert|StringAssert|Truth)[.:]/.test(t);
}

/**
 * Assertions that the code they hold fails (`t.throwsAsync(got({...}))`, `assert.rejects(...)`,
 * `self.assertRaises(E, f, ...)`, `expect(() => ...).toThrow()`): what they run is a rejected input,
 * not configuration.
 */
const EXPECTS_FAILURE = /^(throws|throwsAsync|rejects|assertRaises\w*|assertThrows\w*|assert_raises\w*|toThrow\w*)$/;

/**
 * .NET test frameworks' forms: xUnit/NUnit `Assert.Throws<E>(() => ...)`, `ThrowsAny`, `ThrowsAsync`,
 * MSTest `Assert.ThrowsException<E>`, xUnit `Record.Exception(() => ...)`, NUnit `Assert.Catch`.
 */
const EXPECTS_FAILURE_DOTNET =
  /(^|\.)(Assert\.(Throws|ThrowsAny|ThrowsAsync|ThrowsAnyAsync|ThrowsException|ThrowsExceptionAsync|Catch|CatchAsync)|Record\.(Exception|ExceptionAsync))$/;

/**
 * An expected error that comes from the connection itself (a timeout, a refused or failed TLS
 * connection): the code under the assertion really connected, with its configuration.
 */
const NETWORK_FAILURE = /time\s*out|timedout|ECONN|EPIPE|connect|network|socket|ssl|tls|cert|handshake/i;

/** Whether `call`'s arguments (`node` in one of them) are run to check that they fail on their input. */
function expectsFailure(call: Node, node: Node): boolean {
  const callee = calleeText(call).replace(/\s+/g, '');
  const last = callee.split(/\.|::|->|\?\./).pop() ?? '';
  const lt = callee.indexOf('<');
  const dotnet = EXPECTS_FAILURE_DOTNET.test(lt >= 0 ? callee.slice(0, lt) : callee);
  if (EXPECTS_FAILURE.test(last) || dotnet) {
    // .NET names the expected exception as a type argument; a failed handshake is an AuthenticationException.
    const expected = dotnet && lt >= 0 && callee.endsWith('>') ? callee.slice(lt + 1, -1) : '';
    if (NETWORK_FAILURE.test(expected) || /Authentication|IOException|HttpRequest/.test(expected)) return false;
    const others = (argumentsOf(call)?.namedChildren ?? []).filter(
      (a) => !!a && !within(node, a) && !/comment/.test(a.type),
    );
    return !others.some((a) => NETWORK_FAILURE.test(a.text));
  }
  // `expect(() => f()).toThrow()`, `await expect(p).rejects.toThrow(...)`.
  if (/^expect$/i.test(last)) {
    let up = call.parent;
    for (let i = 0; up && i < 4; i++, up = up.parent) {
      const prop = up.childForFieldName('property')?.text;
      if (prop && /^(rejects|toThrow\w*)$/.test(prop)) return true;
    }
  }
  return false;
}

/** Ruby matchers that expect the block before them to raise (`expect { ... }.to raise_error(E)`). */
const RAISE_MATCHER = /^(raise_error|raise_exception)$/;

/**
 * Ruby's block forms of an expected failure: `expect { f(...) }.to raise_error(ArgumentError)` (RSpec) and
 * `assert_raises(ArgumentError) { f(...) }` (minitest), with `child` in the block. An expected error of
 * the connection itself (`raise_error(OpenSSL::SSL::SSLError)`) means the code really connected.
 */
function blockExpectsFailure(p: Node, child: Node): boolean {
  if (p.type !== 'call' || !within(child, p.childForFieldName('block'))) return false;
  const method = p.childForFieldName('method')?.text ?? '';
  const errorOf = (call: Node): string => argumentsOf(call)?.namedChildren.find((a) => !!a)?.text ?? '';
  if (/^assert_raises?$/.test(method)) return !NETWORK_FAILURE.test(errorOf(p));
  if (method !== 'expect' || p.childForFieldName('receiver')) return false;
  const to = p.parent;
  if (
    to?.type !== 'call' ||
    to.childForFieldName('receiver')?.id !== p.id ||
    to.childForFieldName('method')?.text !== 'to'
  )
    return false;
  const matcher = argumentsOf(to)?.namedChildren.find((a) => !!a);
  if (!matcher) return false;
  if (matcher.type === 'identifier') return RAISE_MATCHER.test(matcher.text);
  const name = matcher.type === 'call' ? matcher.childForFieldName('method')?.text : undefined;
  return (
    !!name &&
    RAISE_MATCHER.test(name) &&
    !matcher.childForFieldName('receiver') &&
    !NETWORK_FAILURE.test(errorOf(matcher))
  );
}

/** Python's `with pytest.raises(E):` / `with self.assertRaises(E):` whose body is expected to fail. */
function failureContext(p: Node, child: Node): boolean {
  if (p.type !== 'with_statement' || !within(child, p.childForFieldName('body'))) return false;
  const clause = p.namedChildren.find((c) => c?.type === 'with_clause');
  return !!clause && /(^|[\s.(])(raises|assertRaises\w*)\s*\(/.test(clause.text) && !NETWORK_FAILURE.test(clause.text);
}

/** RSpec/Chai matchers that sit between an assertion and its expected value (`to eq(x)`). */
const MATCHERS =
  /^(eq|eql|equal|equals|be|include|includes|match|contain|contain_exactly|have_attributes|toBe|toEqual|toStrictEqual|toContain|is|equalTo|hasItem|contains|containsString|add|remove|indexOf|of|asList|listOf|setOf|arrayOf|with|have_received)$/;

/** Callees that declare parametrized test inputs (`@pytest.mark.parametrize`, `it.each`, `[InlineData]`). */
const PARAMETRIZE = /(^|\.)(parametrize|each|InlineData|TestCase|ValueSource|CsvSource|DataRow|cases)$/;

/** Whether a sequence literal is a table of rows: two or more elements, each a tuple/struct/object/array. */
function isTable(seq: Node, rows: RegExp): boolean {
  const elements = seq.namedChildren.filter((c): c is Node => !!c && !/comment/.test(c.type));
  if (elements.length < 2) return false;
  return elements.every((e) => {
    let x: Node | null = e;
    // Go's literal_element, PHP's array_element_initializer, C#'s argument wrap the row.
    while (x && /element|argument|initializer_pair|spread/.test(x.type) && x.namedChildCount === 1) x = x.namedChild(0);
    return !!x && rows.test(x.type);
  });
}

/**
 * Whether a map literal is a keyed table of test rows: three or more entries, each a key and a sequence of
 * the same length, two or more (`{ ssl_ciphers: ["AES256", "expected hint"], proxy: [...], ... }`).
 */
function isKeyedTable(map: Node, sequences: string[]): boolean {
  const entries = map.namedChildren.filter((c): c is Node => !!c && !/comment/.test(c.type));
  if (entries.length < 3) return false;
  let width = -1;
  for (const e of entries) {
    if (!/pair/.test(e.type)) return false;
    const value = e.childForFieldName('value') ?? e.namedChild(e.namedChildCount - 1);
    if (!value || !sequences.includes(value.type)) return false;
    const n = value.namedChildren.filter((c) => !!c && !/comment/.test(c.type)).length;
    if (n < 2 || (width >= 0 && n !== width)) return false;
    width = n;
  }
  return true;
}

/**
 * The intent of a finding at `node`. `valueFlag` is set when the detector saw the insecure value itself
 * be a caller's flag (`InsecureSkipVerify: cfg.Insecure`).
 */
export function intentOf(file: SourceFile, node: Node, testFile: boolean, valueFlag?: Node): Intent {
  const t = TABLES[file.language];
  // A caller's flag as the value is an opt-in, unless the walk below finds an expected value or an
  // assertion's operand (`expected := &tls.Config{InsecureSkipVerify: cfg.InsecureSkipVerify}` in a test).
  const flagged: Intent = valueFlag && {
    kind: 'opt-in',
    flag: range(valueFlag),
    flagText: valueFlag.text,
    why: 'value',
  };
  if (!t) return flagged;
  if (overwrittenBeforeUse(node)) return { kind: 'not-configuration', why: 'dead-store' };
  // A builder round trip in a test (`builder().protocols(expectedProtocols).build()` then
  // `assertEquals(config.getProtocols(), expectedProtocols)`): the value named for what the test expects.
  if (testFile && /identifier$/.test(node.type) && EXPECTED_NAME.test(node.text.replace(/^\$/, '')))
    return { kind: 'not-configuration', why: 'assertion' };
  const calls = new Set(t.calls);
  if (testFile && file.language === 'csharp' && csharpComparedOnly(node, calls))
    return { kind: 'not-configuration', why: 'assertion' };
  if (testFile && roundTrip(node, calls)) return { kind: 'not-configuration', why: 'assertion' };
  // Expected values: only while no call is crossed (a call inside an assertion is executed configuration).
  let expectedValue = !t.calls.includes(node.type);
  let optIn: Intent;
  for (let child: Node = node, p = node.parent; p; child = p, p = p.parent) {
    if (calls.has(p.type) && within(child, argumentsOf(p)) && expectsFailure(p, node))
      return { kind: 'not-configuration', why: 'assertion' };
    if (failureContext(p, child) || blockExpectsFailure(p, child))
      return { kind: 'not-configuration', why: 'assertion' };
    if (expectedValue) {
      if (calls.has(p.type)) {
        const callee = calleeText(p);
        const args = argumentsOf(p);
        const asArgument = within(child, args);
        if (asArgument && isAssertionCallee(callee)) return { kind: 'not-configuration', why: 'assertion' };
        if (asArgument && testFile && assertedParameter(p, node, args, t, calls))
          return { kind: 'not-configuration', why: 'assertion' };
        if (asArgument && testFile && PARAMETRIZE.test(callee.replace(/\(.*$/s, '')))
          return { kind: 'not-configuration', why: 'test-table' };
        const last = callee.split(/\.|::|->/).pop() ?? '';
        // C# tests: `Assert.False(config.Equals(config with { ... }))`, the argument is compared too.
        const compared = testFile && file.language === 'csharp' && last === 'Equals';
        if (!(asArgument && (MATCHERS.test(last) || compared))) expectedValue = false;
      } else if (t.assertStatements.includes(p.type)) {
        return { kind: 'not-configuration', why: 'assertion' };
      } else if (testFile && t.comparisons.includes(p.type)) {
        // An expected value in a test (`if got != tls.VersionTLS10 { t.Errorf(...) }`). Outside tests a
        // comparison is left to the detectors (a validation callback's `errors == ...` is its logic).
        const op = operatorOf(p);
        if (op && COMPARISON_OPERATORS.has(op) && !isMisparsedGenericCall(p))
          return { kind: 'not-configuration', why: 'comparison' };
      } else if (testFile && t.sequences.includes(p.type) && isTable(p, t.rows)) {
        return { kind: 'not-configuration', why: 'test-table' };
      } else if (testFile && t.maps?.includes(p.type) && isKeyedTable(p, t.sequences)) {
        return { kind: 'not-configuration', why: 'test-table' };
      } else if (testFile && isExpectedBinding(p, child, calls)) {
        // `var expectedProtocol = ... ? SslProtocols.Tls11 : SslProtocols.Tls;` in a test: what it asserts.
        return { kind: 'not-configuration', why: 'assertion' };
      }
    }
    if (optIn) continue;
    const field = t.conditionals[p.type];
    if (field !== undefined) {
      const cond = conditionOf(p, field);
      if (cond && !within(node, cond)) {
        const flag = flagIn(cond);
        if (flag) optIn = { kind: 'opt-in', flag: range(flag), flagText: flag.text, why: 'condition' };
      }
    } else if (t.guards.includes(p.type)) {
      const left = p.childForFieldName('left') ?? p.namedChild(0);
      const op = operatorOf(p);
      if (left && !within(node, left) && op && GUARD_OPERATORS.has(op)) {
        const flag = flagIn(left);
        if (flag) optIn = { kind: 'opt-in', flag: range(flag), flagText: flag.text, why: 'condition' };
      }
    } else if (t.functions.includes(p.type)) {
      const name = functionName(p);
      if (name && INSECURE_FUNCTION.test(normalize(name.text)))
        optIn = { kind: 'opt-in', flag: range(name), flagText: name.text, why: 'function' };
    }
  }
  return flagged ?? optIn;
}

/** Calls that turn an object into text (`JsonSerializer.Serialize(config)`): its settings reach nothing. */
const SERIALIZING = /^(Serialize|SerializeObject|SerializeToUtf8Bytes|SerializeAsync|ToJson)$/;

/** Methods of a .NET value object that only copy or compare it (the copy is followed in turn). */
const COMPARING_METHODS = new Set(['Clone', 'Equals', 'GetHashCode', 'ToString', 'Should', 'Freeze', 'IsFrozen']);

/**
 * C# test code: the local that `node` configures (`var settings = new SslSettings { ...Callback = ... }`,
 * `clone.Callback = ...;`), when the test only compares it: every use of the local in its method is an
 * assertion's argument, a member read or write that reaches no other call, a re-assignment, or a copy
 * (`settings.Clone()`) whose local is only compared in turn (`Assert.NotEqual(settings, clone)`).
 * Such an object never reaches a connection.
 */
function csharpComparedOnly(node: Node, calls: Set<string>): boolean {
  let name: string | undefined;
  let holder: Node | undefined;
  for (let p: Node | null = node; p; p = p.parent) {
    if (p.type === 'variable_declarator') {
      name = p.childForFieldName('name')?.text;
      holder = p;
      break;
    }
    if (p.type === 'assignment_expression' && p.parent?.type === 'expression_statement') {
      let left = p.childForFieldName('left');
      while (left?.type === 'member_access_expression') left = left.childForFieldName('expression');
      if (left?.type === 'identifier') name = left.text;
      holder = p;
      break;
    }
    // Only through the value itself: a call in between (`Connect(new S { ... })`) would use it.
    if (
      !/^(assignment_expression|initializer_expression|object_creation_expression|member_access_expression|binary_expression|cast_expression|parenthesized_expression)$/.test(
        p.type,
      )
    )
      return false;
  }
  if (!name || !holder) return false;
  return comparedLocal(holder, name, calls, new Set());
}

function comparedLocal(holder: Node, name: string, calls: Set<string>, seen: Set<string>): boolean {
  // A local already being checked (`clone = settings.Clone();` again): its answer is the one in progress.
  if (seen.has(name)) return true;
  if (seen.size > 3) return false;
  seen.add(name);
  let scope: Node | null = holder.parent;
  while (scope && !/^(method_declaration|local_function_statement|constructor_declaration)$/.test(scope.type))
    scope = scope.parent;
  if (!scope || scope.endIndex - scope.startIndex > 20_000) return false;
  let asserted = 0;
  for (const use of scope.descendantsOfType('identifier')) {
    if (!use || use.text !== name || within(use, holder)) continue;
    const parent = use.parent;
    if (!parent) return false;
    // Inside an assertion, through comparisons only: `Assert.True(a.Equals(b))`, `Assert.True(a == b)`,
    // `Assert.False(a.Equals(a with { X = 1 }))`, `Assert.Equal(a.GetHashCode(), b.GetHashCode())`.
    const compared = comparedInAssertion(use, scope, calls);
    if (compared === true) {
      asserted++;
      continue;
    }
    // A comparison's result kept in a local (`var equals = a.Equals(b);`): followed in turn.
    if (compared) {
      if (!comparedLocal(compared, compared.childForFieldName('name')!.text, calls, seen)) return false;
      asserted++;
      continue;
    }
    // Serialized (a round trip the test then compares): data, never a connection.
    if (parent.type === 'argument') {
      const call = parent.parent?.parent;
      const fn = call?.type === 'invocation_expression' ? call.childForFieldName('function') : undefined;
      const method = fn?.type === 'member_access_expression' ? fn.childForFieldName('name')?.text : fn?.text;
      if (method && SERIALIZING.test(method.replace(/<.*$/s, ''))) continue;
    }
    // A record copy (`var copy = settings with { };`): followed to its local.
    if (parent.type === 'with_expression' && parent.namedChild(0)?.id === use.id) {
      const to = parent.parent?.type === 'equals_value_clause' ? parent.parent.parent : parent.parent;
      const target = to?.type === 'variable_declarator' ? to.childForFieldName('name') : undefined;
      if (target?.type !== 'identifier' || !comparedLocal(to!, target.text, calls, seen)) return false;
      continue;
    }
    // A re-assignment (`clone = settings.Clone();`) or a declaration of the name.
    if (parent.type === 'assignment_expression' && parent.childForFieldName('left')?.id === use.id) continue;
    if (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.id === use.id) continue;
    if (parent.type === 'member_access_expression' && parent.childForFieldName('expression')?.id === use.id) {
      const call = parent.parent;
      if (call?.type === 'invocation_expression' && call.childForFieldName('function')?.id === parent.id) {
        const method = parent.childForFieldName('name')?.text ?? '';
        if (!COMPARING_METHODS.has(method)) return false;
        // A copy: followed to the local it is given to (`var clone = settings.Clone();`).
        const to = call.parent;
        if (to?.type === 'variable_declarator' || to?.type === 'assignment_expression') {
          const target =
            to.type === 'variable_declarator' ? to.childForFieldName('name') : to.childForFieldName('left');
          if (target?.type !== 'identifier') return false;
          if (target.text !== name && !comparedLocal(to, target.text, calls, seen)) return false;
        }
        continue;
      }
      // A member read or write: fine unless the member's value is handed to another call.
      let c: Node | null = parent.parent;
      while (c && !calls.has(c.type) && c.id !== scope.id) c = c.parent;
      if (c && calls.has(c.type) && within(use, argumentsOf(c)) && !isAssertionCallee(calleeText(c))) return false;
      continue;
    }
    if (parent.type === 'argument') {
      const call = parent.parent?.parent;
      if (call?.type === 'invocation_expression' && isAssertionCallee(calleeText(call))) {
        asserted++;
        continue;
      }
    }
    return false;
  }
  return asserted > 0;
}

/**
 * Whether `use` is an operand of an assertion reached only through comparisons: `==`/`!=`, a comparing
 * method's receiver or argument (`a.Equals(b)`, `a.GetHashCode()`), a record copy (`a with { ... }`).
 * True when such an assertion holds it; false when another call takes it first; undefined otherwise.
 */
function comparedInAssertion(use: Node, scope: Node, calls: Set<string>): boolean | Node | undefined {
  let compared = false;
  for (let child: Node = use, p = use.parent; p && p.id !== scope.id; child = p, p = p.parent) {
    if (calls.has(p.type)) {
      const args = argumentsOf(p);
      if (within(child, args) && isAssertionCallee(calleeText(p))) return true;
      const fn = p.childForFieldName('function');
      const method = fn?.type === 'member_access_expression' ? fn.childForFieldName('name')?.text : undefined;
      // Only `Equals`-like comparisons lead on (`Clone` copies are followed by the caller).
      if (!method || !COMPARING_METHODS.has(method) || method === 'Clone')
        return within(child, args) ? false : undefined;
      compared = true;
      continue;
    }
    if (p.type === 'equals_value_clause') continue;
    if (p.type === 'variable_declarator' && compared && p.childForFieldName('name')?.type === 'identifier') return p;
    if (p.type === 'binary_expression') {
      const op = p.childForFieldName('operator')?.text;
      if (op !== '==' && op !== '!=') return undefined;
      continue;
    }
    if (
      /^(argument|argument_list|with_expression|with_initializer|member_access_expression|parenthesized_expression|prefix_unary_expression)$/.test(
        p.type,
      )
    )
      continue;
    return undefined;
  }
  return undefined;
}

/** Names of a test's expected values (`expected`, `expectedProtocol`, `want`). */
const EXPECTED_NAME = /^(expected|want(ed)?)([A-Z_]|$)/;

/**
 * Whether `p` binds the value in `child` to a variable named for an expected value, or to one whose
 * every other use in its function is an assertion's operand (`res = {...}; self.assertEqual(res, parse(uri))`).
 */
function isExpectedBinding(p: Node, child: Node, calls: Set<string>): boolean {
  if (!/declarator|assignment|property_declaration|short_var_declaration/.test(p.type)) return false;
  const value = p.childForFieldName('value') ?? p.childForFieldName('right') ?? p.namedChild(p.namedChildCount - 1);
  if (!value || !within(child, value)) return false;
  const target =
    p.childForFieldName('name') ??
    p.childForFieldName('left') ??
    p.namedChildren.find((c) => c?.type === 'variable_declaration')?.namedChild(0) ??
    p.namedChild(0);
  const name = target?.text.split(/\.|->|::/).pop() ?? '';
  if (EXPECTED_NAME.test(name.replace(/^\$/, ''))) return true;
  // Any other name: only a literal table of values (`res = {...}`), not an object built by a call (`new Agent({...})`).
  const literal = COMMON_ROWS.test(value.type) && !/object_creation|^new_/.test(value.type);
  return literal && !!target && onlyAsserted(p, target, calls);
}

/** Scopes that end the search for a variable's uses. */
const SCOPE = /function|method|lambda|closure|^program$|^module$|^source_file$|^translation_unit$|^compilation_unit$/;

/** Whether the variable `target` binds is used, and only as an assertion's argument, in the scope around `p`. */
function onlyAsserted(p: Node, target: Node, calls: Set<string>): boolean {
  if (!/^(identifier|variable_name|simple_identifier)$/.test(target.type)) return false;
  let scope: Node | null = p.parent;
  while (scope && !SCOPE.test(scope.type)) scope = scope.parent;
  if (!scope || scope.endIndex - scope.startIndex > 20_000) return false;
  let uses = 0;
  for (const use of scope.descendantsOfType(target.type)) {
    if (!use || use.text !== target.text || within(use, p)) continue;
    let call: Node | null = use.parent;
    while (call && !calls.has(call.type)) call = call.parent;
    if (!call || !within(use, argumentsOf(call)) || !isAssertionCallee(calleeText(call))) return false;
    uses++;
  }
  return uses > 0;
}

/**
 * Whether `node`, in an argument of a call to a helper the file defines once by that name, lands in a
 * parameter the helper uses only as an assertion's operand (`testVal('no-verify', { rejectUnauthorized:
 * false })` where `testVal(mode, expected)` asserts `deepStrictEqual(subject.ssl, expected)`), or only
 * inside code an assertion expects to fail (`void Rejected(SslSettings s) => Record.Exception(() => new X(s))`).
 */
function assertedParameter(call: Node, node: Node, args: Node | null, t: Table, calls: Set<string>): boolean {
  const callee = calleeText(call);
  if (!args || !/^[A-Za-z_$][\w$]*$/.test(callee)) return false;
  const index = args.namedChildren.filter((c) => !!c && !/comment/.test(c.type)).findIndex((c) => within(node, c));
  if (index < 0) return false;
  let root: Node = call;
  while (root.parent) root = root.parent;
  // The functions named `callee` (engine/reads: a read of that name's definitions, not of the whole file).
  noteWord(callee);
  noteBound(callee);
  const defs = unrecorded(() =>
    root.descendantsOfType(t.functions).filter((f): f is Node => !!f && functionName(f)?.text === callee),
  );
  if (defs.length !== 1) return false;
  const params = (defs[0].childForFieldName('parameters')?.namedChildren ?? []).filter(
    (c): c is Node => !!c && !/comment/.test(c.type),
  );
  let param: Node | null | undefined = params[index];
  // `expected = {}` (a default) and typed parameters name the variable first.
  while (param && param.type !== 'identifier' && param.namedChildCount > 0)
    param =
      param.childForFieldName('name') ??
      param.childForFieldName('left') ??
      param.childForFieldName('pattern') ??
      param.namedChild(0);
  if (!param || param.type !== 'identifier') return false;
  // Every use is an assertion's operand, or part of a test's title (`test('ssl is ' + expected, ...)`).
  let uses = 0;
  for (const use of defs[0].descendantsOfType('identifier')) {
    if (!use || use.text !== param.text || use.id === param.id) continue;
    let asserted = false;
    for (let a = use.parent; a && a.id !== defs[0].id && !asserted; a = a.parent)
      asserted = t.assertStatements.includes(a.type);
    if (asserted) {
      uses++;
      continue;
    }
    let c: Node | null = use.parent;
    while (c && !calls.has(c.type)) c = c.parent;
    const list = c && argumentsOf(c);
    if (!c || !list || !within(use, list)) return false;
    const title = list.namedChildren.find((a) => !!a && !/comment/.test(a.type));
    const named = calleeText(c);
    // Or run inside an assertion that expects it to fail (`Record.Exception(() => new X(settings))`).
    if (
      !isAssertionCallee(named) &&
      !expectsFailure(c, use) &&
      !(TEST_CALL.test(named.split('.').pop() ?? '') && !!title && within(use, title))
    )
      return false;
    uses++;
  }
  return uses > 0;
}

/** Key/value entries of map and array literals (`'verify_peer' => false`, `verify: false`, `Key: v`). */
const ENTRY = /^(pair|array_element_initializer|keyed_element|initializer_pair|property_assignment|key_value_pair)$/;

/** Nodes a literal entry's value passes through on its way to a call argument or a binding. */
const LITERAL_PATH = /^(argument|arguments|argument_list|parenthesized_expression|literal_element)$/;

/** The local a call's result is bound to (`$result = f(...)`, `const out = f(...)`, `got := f(...)`). */
function resultLocal(call: Node): string | undefined {
  let p: Node | null = call.parent;
  while (p && /^(await_expression|parenthesized_expression|expression_list)$/.test(p.type)) p = p.parent;
  if (!p || !/assignment|declarator|short_var_declaration/.test(p.type)) return undefined;
  const target = p.childForFieldName('left') ?? p.childForFieldName('name') ?? p.namedChild(0);
  const leaf = target?.type === 'expression_list' ? target.namedChild(0) : target;
  return leaf && /^(identifier|variable_name)$/.test(leaf.type) ? leaf.text : undefined;
}

/** Whether `text` names the local `name` (`$result`, `out`) as a whole word. */
function mentions(text: string, name: string): boolean {
  const at = (from: number): number => text.indexOf(name, from);
  for (let i = at(0); i >= 0; i = at(i + 1)) {
    const before = text[i - 1] ?? ' ';
    const after = text[i + name.length] ?? ' ';
    if (!/[\w$]/.test(before) && !/[\w$]/.test(after)) return true;
  }
  return false;
}

/**
 * A round trip of data in a test: the literal entry holding the finding (directly, or through the local it
 * is bound to) is handed to a call whose result is bound to a local, and an assertion in the same function
 * compares that result (itself, not a member of it) with the same entry written out again or with the same local
 * (`$result = $connector->normalize(['verify_peer' => false]); $this->assertSame(['stream' =>
 * ['verify_peer' => false]], $result);`). The test checks how a value is carried or reshaped; it configures
 * no connection. An assertion on anything else (`assertFalse($client->getConfig('verify'))`) is not one.
 */
function roundTrip(node: Node, calls: Set<string>): boolean {
  let entry: Node | null = node;
  for (let i = 0; entry && i < 4 && !ENTRY.test(entry.type); i++) entry = entry.parent;
  if (!entry || !ENTRY.test(entry.type)) return false;
  let child: Node = entry;
  let p: Node | null = entry.parent;
  while (p && (COMMON_ROWS.test(p.type) || ENTRY.test(p.type) || LITERAL_PATH.test(p.type)) && !calls.has(p.type)) {
    child = p;
    p = p.parent;
  }
  if (!p) return false;
  let scope: Node | null = p;
  while (scope && !SCOPE.test(scope.type)) scope = scope.parent;
  if (!scope || scope.endIndex - scope.startIndex > 20_000) return false;
  const assertions: Node[] = [];
  const others: Node[] = [];
  for (const c of scope.descendantsOfType([...calls])) {
    if (c) (isAssertionCallee(calleeText(c)) ? assertions : others).push(c);
  }
  if (assertions.length === 0) return false;
  let local: string | undefined;
  let call: Node | undefined;
  if (calls.has(p.type)) {
    if (!within(child, argumentsOf(p)) || isAssertionCallee(calleeText(p))) return false;
    call = p;
  } else {
    // Bound to a local (`$context = [...]`): the call that is handed the local.
    if (!/assignment|declarator|short_var_declaration/.test(p.type)) return false;
    const target = p.childForFieldName('left') ?? p.childForFieldName('name') ?? p.namedChild(0);
    if (!target || !/^(identifier|variable_name)$/.test(target.type) || within(entry, target)) return false;
    local = target.text;
    const name = local;
    const after = p.endIndex;
    call = others.find((c) => {
      const args = argumentsOf(c);
      return !!args && args.startIndex > after && mentions(args.text, name);
    });
  }
  const result = call && resultLocal(call);
  if (!result) return false;
  const written = entry.text.replace(/\s+/g, '');
  // The result itself is an operand (not `client.options`: a member of a client is that client's state).
  const operands = (a: Node): string[] =>
    (argumentsOf(a)?.namedChildren ?? [])
      .filter((c): c is Node => !!c && !/comment/.test(c.type))
      .map((c) => (c.type === 'argument' && c.namedChildCount === 1 ? c.namedChild(0)!.text : c.text));
  return assertions.some((a) => {
    const ops = operands(a);
    if (!ops.includes(result)) return false;
    return ops.some((o) => (local ? o === local : o.replace(/\s+/g, '').includes(written)));
  });
}

/** Test-registration calls whose first argument is the test's title. */
const TEST_CALL = /^(test|it|describe|context|specify|suite)$/;

function range(n: Node): Range {
  return { start: n.startIndex, end: n.endIndex };
}

/**
 * For detectors: whether a non-constant value is a caller's flag or setting, returning the leaf that
 * names it. `insecureWhen` is the value the sink is insecure at: `InsecureSkipVerify: cfg.Insecure` and
 * `InsecureSkipVerify: os.Getenv("INSECURE") == "1"` (insecure when true), `verify=not insecure` and
 * `rejectUnauthorized: !opts.insecure` (insecure when false). Only a name that says "insecure" counts: a
 * pass-through of a verification setting (`verify=self.verify`, `InsecureSkipVerify: !cfg.Verify`) is
 * ordinary plumbing whose default is the library's own, and is not reported.
 */
export function flagValue(value: Node, insecureWhen: boolean): Node | undefined {
  let negated = false;
  let v: Node | null = value;
  while (v && /parenthesized/.test(v.type) && v.namedChildCount === 1) v = v.namedChild(0);
  // `!opts.ignoreTlsError || false`: or-ing a false constant keeps the flag's value.
  const ors =
    v && /^(binary_expression|boolean_operator|binary)$/.test(v.type) && /^(\|\||or)$/.test(v.child(1)?.text ?? '');
  if (v && ors) {
    const [l, r] = [v.namedChild(0), v.namedChild(v.namedChildCount - 1)];
    const falsy = (n: Node | null) => !!n && /^(false|False|nil|null|None)$/.test(n.text);
    if (falsy(r)) v = l;
    else if (falsy(l)) v = r;
    while (v && /parenthesized/.test(v.type) && v.namedChildCount === 1) v = v.namedChild(0);
  }
  if (
    v &&
    /^(not_operator|unary_expression|prefix_unary_expression|unary_op_expression|prefix_expression|unary)$/.test(v.type)
  ) {
    const op = v.child(0)?.text;
    if (op === '!' || op === 'not') {
      negated = true;
      v = v.childForFieldName('argument') ?? v.childForFieldName('operand') ?? v.namedChild(v.namedChildCount - 1);
    }
  }
  if (!v || /literal|^(true|false|none|nil|null|integer|number|string)$/.test(v.type)) return undefined;
  for (const leaf of nameLeaves(v)) {
    const n = normalize(leaf.text);
    if (n.length === 0 || n.length > 60) continue;
    // An "insecure" name is true in insecure mode: it must reach the sink with the sink's polarity.
    if (INSECURE_NAME.test(n) && !negated === insecureWhen) return leaf;
  }
  return undefined;
}

/** The message suffix of an opt-in finding. */
export function optInMessage(intent: Extract<Intent, { kind: 'opt-in' }>): string {
  const by =
    intent.why === 'function'
      ? `the function \`${intent.flagText}\` is named for it`
      : `\`${intent.flagText}\` controls it`;
  return `Opt-in path (${by}): it must stay off unless a caller asks for it, and must never be the default.`;
}

/** The message of the related location at the controlling flag. */
export function flagMessage(intent: Extract<Intent, { kind: 'opt-in' }>): string {
  return intent.why === 'function'
    ? 'the function named for the insecure mode'
    : intent.why === 'value'
      ? 'the caller setting this value comes from'
      : 'the flag that selects this path';
}

/**
 * YAML (Ansible): a task whose `when:` reads a verification flag (`when: not validate_certs`,
 * `when: insecure | bool`) is an opt-in path for every finding inside the task. Read from the text's
 * indentation: the enclosing `- ` item, then a `when:` key among its own keys.
 */
export function yamlIntentOf(text: string, offset: number): Intent {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const indentOf = (line: string) => /^\s*(- )?/.exec(line)![0].length;
  let at = lineStart;
  let ownIndent = indentOf(text.slice(lineStart, text.indexOf('\n', lineStart) >>> 0 || undefined));
  // Walk up to each enclosing sequence item (`- name: ...`) and look for its `when:`.
  for (let guard = 0; at > 0 && guard < 400; guard++) {
    const prevEnd = at - 1;
    const prevStart = text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(prevStart, prevEnd);
    at = prevStart;
    if (!line.trim() || /^\s*#/.test(line)) continue;
    const m = /^(\s*)- /.exec(line);
    const indent = /^\s*/.exec(line)![0].length;
    if (indent >= ownIndent) continue;
    ownIndent = indent;
    if (!m) continue;
    const itemIndent = m[1].length + 2;
    const intent = whenFlag(text, prevStart, itemIndent);
    if (intent) return intent;
  }
  return undefined;
}

/** The `when:` of the sequence item starting at `itemStart`, when it reads a verification flag. */
function whenFlag(text: string, itemStart: number, keyIndent: number): Intent {
  const re = /^([ \t]*)(- )?when:[ \t]*(.*)$/gm;
  re.lastIndex = itemStart;
  let end = text.length;
  // The item ends at the next line indented less than its keys (another item or a dedent); blank and
  // comment lines are skipped in the loop (a lookahead with \s* here backtracks quadratically).
  const after = /\n/g;
  after.lastIndex = text.indexOf('\n', itemStart);
  for (let m = after.exec(text); m; m = after.exec(text)) {
    const next = text.slice(m.index + 1, text.indexOf('\n', m.index + 1) >>> 0 || undefined);
    if (/^\s*$/.test(next) || /^\s*#/.test(next)) continue;
    if (/^\s*/.exec(next)![0].length < keyIndent) {
      end = m.index;
      break;
    }
  }
  for (let m = re.exec(text); m && m.index < end; m = re.exec(text)) {
    const keyAt = m[1].length + (m[2]?.length ?? 0);
    if (keyAt !== keyIndent) continue;
    const value = m[3];
    for (const w of value.matchAll(/[A-Za-z_][\w-]*/g)) {
      if (!isFlagName(w[0])) continue;
      const start = m.index + m[0].length - value.length + w.index;
      return { kind: 'opt-in', flag: { start, end: start + w[0].length }, flagText: w[0], why: 'condition' };
    }
  }
  return undefined;
}
