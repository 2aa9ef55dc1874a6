// Command lines, wherever they are written: a shell script's commands (engine/languages/shell), and the
// argument vectors code builds to run a program (`subprocess.run(['curl', '-k', url])`,
// `exec.Command("git", "-c", "http.sslVerify=false", ...)`, `execSync(\`curl -k ${url}\`)`,
// `cmd = ['curl']; cmd.append('--insecure')`). The shell detectors judge one `Command` whatever its source,
// so one analysis of curl/wget/git/npm/pip options serves every language.
//
// What is read in code, per language (a small table of node types):
// - the arguments of the calls that run a program (subprocess, child_process, os/exec, Kernel#system,
//   Open3, exec/shell_exec/proc_open, ProcessBuilder, Runtime.exec...): an argument vector, a program and
//   its argument array, or one string that a shell (or Runtime.exec) splits; builders: Rust's
//   `Command::new("curl").arg("-k")` (and `cmd.arg(..)` statements on its variable), .NET's
//   `ProcessStartInfo("git", "-c http.sslVerify=false ...")`, `Process.Start`, `Arguments`/`ArgumentList`;
// - list literals whose first element names a program (`['git', '-c', ...]`, `[git_path, 'config', ...]`),
//   wherever they are, with the elements later appended to the variable they are bound to
//   (`append`/`extend`/`push`/`add`/`<<`/`+=`/`$a[] =`/Go's `append`), in the same function;
// - both branches of a conditional element (`['-k'] if insecure else []`), splats and `+` of lists bound
//   to a local, and `sh -c '...'` whose script is split again.
// A string is split like a shell only where it is run as a command: a log message, a comment or help
// text that says `curl -k` is never a command line.
import type { Node } from 'web-tree-sitter';
import type { LanguageId, Range, SourceFile } from './types';
import { WRAPPERS, programIndex, shellCommands } from './languages/shell';
import { isFlagName } from './intent';
import { noteNodeTest, noteScan, unrecorded } from './reads';
import { callOf as kotlinCallOf } from './languages/kotlin';

export interface Word {
  /**
   * The node the word is (a shell word, a list's string literal) or lies within (a word of a command
   * string): where intent (engine/intent) starts its walk.
   */
  node: Node;
  /** The word's static value (quotes and escapes resolved); undefined when it is computed. */
  value: string | undefined;
  /** The word as written (a list element with its quotes). */
  start: number;
  end: number;
  /** Where the value is written verbatim (no quotes, no escapes): edits inside it are exact. */
  raw?: Range | undefined;
  /** What to delete to remove the word (with its separator); undefined when that is no simple deletion. */
  remove?: Range | undefined;
  /**
   * The caller's setting that decides whether the word is passed (`self._valueless_option('--insecure',
   * 'nocheckcertificate')`): the finding is an opt-in path (engine/intent).
   */
  flag?: Node | undefined;
}

export interface Command {
  node: Node;
  /** The program, after wrappers (`sudo`, `env`, Dockerfile `RUN`) are skipped, without its directory. */
  name: string;
  args: Word[];
}

/** Every command line of a file: a shell script's commands, or those code builds and runs. */
export function commandsOf(file: SourceFile): Command[] {
  const syntax = SYNTAX[file.language];
  if (!syntax) return shellCommands(file);
  // An edit that adds a command line with findings adds an option this matches (the other hints gate less).
  noteScan(OPTION_HINT);
  if (!mayHoldCommands(file.text, file.language)) return [];
  return file.memo('cmdline.commands', () => new Reader(file, syntax).commands());
}

/**
 * Whether a text may hold a command line of the shell detectors' (`commandsOf` finds none otherwise): the
 * text screen of every detector that reads only `commandsOf` (`Detector.textScreen`), so code that merely
 * mentions curl (or "curly") is neither parsed for them nor counts their words.
 */
export function mayHoldCommands(text: string, language: LanguageId): boolean {
  if (!SYNTAX[language]) return true;
  // Code that names no option the shell detectors judge builds no command line of theirs: one pass over
  // the text spares reading every call of a file that merely mentions curl or openssl.
  if (!OPTION_HINT.test(text)) return false;
  // Nor does code that names no program as a string, a variable or a wrapper, and runs no quoted command
  // line with an option: a library that mentions curl in its documentation is not parsed for this.
  return PROGRAM_HINT.test(text) || WRAPPER_HINT.test(text) || COMMAND_HINT.test(text);
}

/** A call of a wrapper named for a program (`run_git(...)`, `_curl(...)`: `WRAPPER_CALLEE`). */
const WRAPPER_HINT = /(?:git|curl|wget)\w*\s*\(/i;

/**
 * A quoted command line with an option in it (`"set -e; curl -k $URL"`, `"kubectl --insecure-skip-tls-verify
 * apply"`), or an option quoted as one argument of a list (`["aws", "s3", "cp", "--no-verify-ssl"]`).
 */
const COMMAND_HINT = /["'`][^"'`\n]*\s-{1,2}[A-Za-z]|["'`]-{1,2}[A-Za-z][\w-]*(?:=[^"'`\n]*)?["'`]/;

/** Text without which no command line in code can give a finding (the options the shell detectors know). */
const OPTION_HINT =
  /insecure|check-certificate|sslverify|verify-peer|strict-ssl|trusted-host|ssl_verify|tlsv1|sslv[23]|tls-max|secure-protocol|-ssl[23]\b|-tls1|-[A-Za-z0-9]*k\b|skip-verify|no-verify-ssl|tls-verify=|verify=no/i;

/** The range of a word for a report: its node when the word is the whole node, else its offsets. */
export function wordAt(w: Word): ({ node: Node } | { range: Range }) & { flag?: Node } {
  const at =
    w.node.startIndex === w.start && w.node.endIndex === w.end
      ? { node: w.node }
      : { range: { start: w.start, end: w.end } };
  return w.flag ? { ...at, flag: w.flag } : at;
}

/** The report range from one word to a later one (`http.sslVerify false`), else the first word's. */
export function wordSpan(from: Word, to: Word): ({ node: Node } | { range: Range }) & { flag?: Node } {
  if (from.end > to.start) return wordAt(from);
  const flag = from.flag ?? to.flag;
  return flag ? { range: { start: from.start, end: to.end }, flag } : { range: { start: from.start, end: to.end } };
}

/** The last `length` characters of a word's value, when it is written verbatim (a value to replace). */
export function valueSuffix(word: Word, length: number): Range | undefined {
  return word.raw && { start: word.raw.end - length, end: word.raw.end };
}

// ---------------------------------------------------------------------------------------------------
// Per-language syntax

interface Syntax {
  /** Call node types. */
  calls: string[];
  /** The callee of a call as written (`subprocess.run`, `exec.Command`, `Runtime.getRuntime().exec`). */
  callee(call: Node): string | undefined;
  /** A call's positional arguments (keyword arguments and comments dropped, wrappers unwrapped). */
  args(call: Node): Node[];
  /** Node types that may be a list (`listElements` decides). */
  lists: string[];
  /** List literal node types → their elements; a call such as `Arrays.asList(...)` may be one too. */
  listElements(node: Node): Node[] | undefined;
  /** Assignment and declaration node types (`x = ...`, `const x = ...`, `x := ...`). */
  assignments: string[];
  /** String literal node types. */
  strings: string[];
  /** Node types that are a shell command by syntax (Ruby/PHP backticks). */
  shellStrings: string[];
  /** Node types of an element spread into a list (`*args`, `...args`, `args...`). */
  splats: string[];
  /** Conditional expressions: their two value branches. */
  branches(node: Node): Node[] | undefined;
  /** `a + b` of lists. */
  concat(node: Node): Node[] | undefined;
  /** When `value` is bound to a name (`x = value`, `const x = value`, `x := value`): the name as written. */
  boundName(value: Node): string | undefined;
  /** The statements that add to the list named `name`: the nodes added, in order (see `extensions`). */
  extension(node: Node, name: string): { added: Node[]; single: boolean } | undefined;
  /** Types of nodes `extension` looks at. */
  extensionTypes: string[];
  /** Function-like scopes (appends are looked for in the list's own function). */
  functions: string[];
  /** Whether a call runs a program, and how its arguments make the argument vector. */
  runs(call: Node, callee: string): RunShape | undefined;
  /**
   * A `builder` call's arguments after the program, in order: nodes that are one argument each (`arg`),
   * lists or values spread into several (`args`), and strings split at blanks like a command line (.NET's
   * `Arguments`). `bound` is the name the builder is bound to (its later statements add to it).
   */
  built?(call: Node, bound: (n: Node) => Node[]): Built[];
  /** The value a declaration without a `value`/`right` field binds (C#'s `var x = v`, Kotlin's `val x = v`). */
  declaredValue?(declaration: Node): Node | undefined;
  /** A value that is another one converted (Rust's `"-k".to_string()`, `String::from("-k")`). */
  converted?(n: Node): Node | undefined;
}

/** One part of a built command (see `Syntax.built`). */
interface Built {
  node: Node;
  /** `program`: the program itself (.NET's `FileName = "curl"`), when the call's first argument is not. */
  as: 'arg' | 'args' | 'split' | 'program';
}

/**
 * How a call's arguments make a command: `argv` (the arguments from `from` are the argument vector, a
 * list argument is spread), `program+list` (a program and an array of its arguments), `shell` (the
 * first argument is a command string), `builder` (a program, then the arguments the language's `built`
 * finds: Rust's `Command::new(p).arg(..)`, .NET's `ProcessStartInfo(p, "args")` and `Arguments = ".."`).
 */
type RunShape =
  | { kind: 'argv'; from: number }
  | { kind: 'program+list' }
  | { kind: 'shell' }
  | { kind: 'auto' }
  | { kind: 'builder' };

const unwrapArg = (n: Node): Node => {
  let x = n;
  while (/^(argument|literal_element|array_element_initializer|parenthesized_expression)$/.test(x.type)) {
    const inner = x.namedChildren.filter((c): c is Node => !!c && !/comment/.test(c.type));
    if (inner.length !== 1) break;
    x = inner[0];
  }
  return x;
};

const named = (n: Node | null | undefined): Node[] =>
  (n?.namedChildren ?? []).filter((c): c is Node => !!c && !/comment/.test(c.type));

const lastName = (callee: string): string => callee.split(/\.|::|->|\?\./).pop() ?? '';

// The grammars differ only in node type, field and operator names for these, so each language's table
// names its own and shares the code.

/** The two branches of a conditional expression node of `type` (`c ? a : b`). */
function branchesOf(type: string, consequence: string): (n: Node) => Node[] | undefined {
  return (n) =>
    n.type === type ? [n.childForFieldName(consequence), n.childForFieldName('alternative')].filter(isNode) : undefined;
}

/** The operands of a binary node of `type` whose operator is `op` (`a + b`, PHP's `a . b`). */
function operandsOf(type: string, op: string): (n: Node) => Node[] | undefined {
  return (n) =>
    n.type === type && n.childForFieldName('operator')?.text === op
      ? [n.childForFieldName('left'), n.childForFieldName('right')].filter(isNode)
      : undefined;
}

/** The name a value is assigned to by a node of `type` (`x = v`). */
function assignedName(type: string): (v: Node) => string | undefined {
  return (v) => {
    const p = v.parent;
    return p?.type === type && p.childForFieldName('right')?.equals(v) ? p.childForFieldName('left')?.text : undefined;
  };
}

/** `name += v` or `name << v` (an operator whose left side is `name`): `v` is added to the list. */
function operatorAppend(
  n: Node,
  name: string,
  operator: string,
  single: boolean,
): { added: Node[]; single: boolean } | undefined {
  if (n.childForFieldName('left')?.text !== name || n.childForFieldName('operator')?.text !== operator)
    return undefined;
  const right = n.childForFieldName('right');
  return right ? { added: [right], single } : undefined;
}

// JavaScript and Java spell these alike.
const ternaryBranches = branchesOf('ternary_expression', 'consequence');
const plusOperands = operandsOf('binary_expression', '+');
const assignmentName = assignedName('assignment_expression');

/** The name a value is declared with (`variable_declarator`) or assigned to (`assignment_expression`). */
function declaredOrAssignedName(v: Node): string | undefined {
  const p = v.parent;
  if (p?.type === 'variable_declarator' && p.childForFieldName('value')?.equals(v))
    return p.childForFieldName('name')?.text;
  return assignmentName(v);
}

const PY_RUNS = new Set([
  'run',
  'call',
  'check_call',
  'check_output',
  'Popen',
  'run_command',
  'create_subprocess_exec',
]);
const PY_SHELL = new Set(['system', 'popen', 'getoutput', 'getstatusoutput', 'create_subprocess_shell']);

const python: Syntax = {
  lists: ['list', 'tuple'],
  assignments: ['assignment'],
  calls: ['call'],
  callee: (c) => c.childForFieldName('function')?.text,
  args: (c) => named(c.childForFieldName('arguments')).filter((a) => a.type !== 'keyword_argument'),
  listElements: (n) => (n.type === 'list' || n.type === 'tuple' ? named(n) : undefined),
  strings: ['string', 'concatenated_string'],
  shellStrings: [],
  splats: ['list_splat'],
  branches: (n) =>
    n.type === 'conditional_expression' ? [n.namedChild(0), n.namedChild(2)].filter(isNode) : undefined,
  concat: operandsOf('binary_operator', '+'),
  boundName: assignedName('assignment'),
  extensionTypes: ['call', 'augmented_assignment'],
  extension: (n, name) => {
    if (n.type === 'augmented_assignment') return operatorAppend(n, name, '+=', false);
    const f = n.childForFieldName('function');
    if (f?.type !== 'attribute' || f.childForFieldName('object')?.text !== name) return undefined;
    const m = f.childForFieldName('attribute')?.text;
    const args = python.args(n);
    if (m === 'append') return { added: args.slice(0, 1), single: true };
    if (m === 'extend') return { added: args.slice(0, 1), single: false };
    if (m === 'insert') return { added: args.slice(1, 2), single: true };
    return undefined;
  },
  functions: ['function_definition', 'lambda'],
  runs: (_c, callee) => {
    const last = lastName(callee);
    if (PY_SHELL.has(last)) return { kind: 'shell' };
    if (PY_RUNS.has(last)) return last === 'create_subprocess_exec' ? { kind: 'argv', from: 0 } : { kind: 'auto' };
    return undefined;
  },
};

const JS_LIST = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execa', 'execaSync', 'fork']);
const JS_SHELL = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync', 'command', 'commandSync', '$']);

const javascript: Syntax = {
  lists: ['array'],
  assignments: ['variable_declarator', 'assignment_expression'],
  calls: ['call_expression'],
  callee: (c) => c.childForFieldName('function')?.text,
  args: (c) => {
    const a = c.childForFieldName('arguments');
    // A tagged template (zx's $`curl -k ${url}`) is its own argument.
    return a?.type === 'template_string' ? [a] : named(a);
  },
  listElements: (n) => (n.type === 'array' ? named(n) : undefined),
  strings: ['string', 'template_string'],
  shellStrings: [],
  splats: ['spread_element'],
  branches: ternaryBranches,
  concat: plusOperands,
  boundName: declaredOrAssignedName,
  extensionTypes: ['call_expression'],
  extension: (n, name) => {
    const f = n.childForFieldName('function');
    if (f?.type !== 'member_expression' || f.childForFieldName('object')?.text !== name) return undefined;
    const m = f.childForFieldName('property')?.text;
    const args = javascript.args(n);
    if (m === 'push' || m === 'unshift') return { added: args, single: args.length === 1 };
    return undefined;
  },
  functions: [
    'function_declaration',
    'function_expression',
    'arrow_function',
    'method_definition',
    'generator_function_declaration',
  ],
  runs: (c, callee) => {
    const last = lastName(callee);
    // A RegExp's exec is not a command.
    if (last === 'exec' && /^\/|RegExp|re$|regex|pattern/i.test(callee.slice(0, -last.length))) return undefined;
    if (JS_LIST.has(last)) return { kind: 'program+list' };
    if (JS_SHELL.has(last)) {
      if (last === '$' && c.childForFieldName('arguments')?.type !== 'template_string') return undefined;
      if ((last === 'command' || last === 'commandSync') && !/^execa\./.test(callee)) return undefined;
      return { kind: 'shell' };
    }
    return undefined;
  },
};

const go: Syntax = {
  lists: ['composite_literal'],
  assignments: ['short_var_declaration', 'assignment_statement'],
  calls: ['call_expression'],
  callee: (c) => c.childForFieldName('function')?.text,
  args: (c) => named(c.childForFieldName('arguments')),
  listElements: (n) => {
    if (n.type !== 'composite_literal' || n.childForFieldName('type')?.type !== 'slice_type') return undefined;
    return named(n.childForFieldName('body')).map(unwrapArg);
  },
  strings: ['interpreted_string_literal', 'raw_string_literal'],
  shellStrings: [],
  splats: ['variadic_argument'],
  branches: () => undefined,
  concat: plusOperands,
  boundName: (v) => {
    const list = v.parent;
    const p = list?.parent;
    if (list?.type === 'expression_list' && p && /short_var_declaration|assignment_statement/.test(p.type)) {
      const right = named(p.childForFieldName('right'));
      const left = named(p.childForFieldName('left'));
      const i = right.findIndex((r) => r.equals(v));
      return i >= 0 && left.length === right.length ? left[i].text : undefined;
    }
    if (list?.type === 'var_spec' || list?.type === 'const_spec') return list.childForFieldName('name')?.text;
    return undefined;
  },
  extensionTypes: ['call_expression'],
  extension: (n, name) => {
    if (n.childForFieldName('function')?.text !== 'append') return undefined;
    const args = go.args(n);
    if (args[0]?.text === name) return { added: args.slice(1), single: false };
    // A prepend: `args = append([]string{"-c", "x"}, args...)`.
    const last = args[args.length - 1];
    if (last?.type === 'variadic_argument' && named(last)[0]?.text === name)
      return { added: args.slice(0, -1), single: false };
    return undefined;
  },
  functions: ['function_declaration', 'method_declaration', 'func_literal'],
  runs: (_c, callee) => {
    const m = /^(\w*exec\w*)\.(Command|CommandContext)$/i.exec(callee);
    if (!m) return undefined;
    return { kind: 'argv', from: m[2] === 'CommandContext' ? 1 : 0 };
  },
};

const RUBY_RUNS = new Set([
  'system',
  'spawn',
  'exec',
  'capture2',
  'capture2e',
  'capture3',
  'popen',
  'popen2',
  'popen2e',
  'popen3',
  'pipeline',
  'pipeline_r',
  'pipeline_w',
]);

const ruby: Syntax = {
  lists: ['array', 'string_array'],
  assignments: ['assignment'],
  calls: ['call'],
  callee: (c) => {
    const m = c.childForFieldName('method')?.text;
    const r = c.childForFieldName('receiver')?.text;
    return m && (r ? `${r}.${m}` : m);
  },
  args: (c) => named(c.childForFieldName('arguments')).filter((a) => !/^(pair|hash|block_argument)$/.test(a.type)),
  listElements: (n) => (n.type === 'array' || n.type === 'string_array' ? named(n) : undefined),
  strings: ['string', 'bare_string'],
  shellStrings: ['subshell'],
  splats: ['splat_argument'],
  branches: branchesOf('conditional', 'consequence'),
  concat: operandsOf('binary', '+'),
  boundName: assignedName('assignment'),
  extensionTypes: ['call', 'binary', 'operator_assignment'],
  extension: (n, name) => {
    if (n.type === 'binary') return operatorAppend(n, name, '<<', true);
    if (n.type === 'operator_assignment') return operatorAppend(n, name, '+=', false);
    if (n.childForFieldName('receiver')?.text !== name) return undefined;
    const m = n.childForFieldName('method')?.text;
    const args = ruby.args(n);
    if (m === 'push' || m === 'append' || m === 'unshift' || m === 'prepend')
      return { added: args, single: args.length === 1 };
    if (m === 'concat') return { added: args, single: false };
    return undefined;
  },
  functions: ['method', 'singleton_method', 'block', 'do_block', 'lambda'],
  runs: (c, callee) => {
    const last = lastName(callee);
    if (!RUBY_RUNS.has(last)) return undefined;
    const receiver = c.childForFieldName('receiver')?.text;
    if (receiver && !/^(Kernel|Process|Open3|IO|PTY)$/.test(receiver)) return undefined;
    return { kind: 'auto' };
  },
};

const PHP_SHELL = new Set(['exec', 'shell_exec', 'system', 'passthru', 'popen', 'proc_open', 'fromShellCommandline']);

const php: Syntax = {
  lists: ['array_creation_expression'],
  assignments: ['assignment_expression'],
  calls: ['function_call_expression', 'scoped_call_expression', 'member_call_expression'],
  callee: (c) => {
    const f = c.childForFieldName('function');
    if (f) return f.text;
    const scope = c.childForFieldName('scope') ?? c.childForFieldName('object');
    const name = c.childForFieldName('name')?.text;
    return name && (scope ? `${scope.text}::${name}` : name);
  },
  args: (c) => named(c.childForFieldName('arguments')).map(unwrapArg),
  listElements: (n) => {
    if (n.type !== 'array_creation_expression') return undefined;
    // `['k' => '-k']`: the element's value.
    return named(n).map((e) => {
      const parts = named(e);
      return parts.length === 2 ? parts[1] : unwrapArg(e);
    });
  },
  strings: ['string', 'encapsed_string'],
  shellStrings: ['shell_command_expression'],
  splats: ['variadic_unpacking'],
  branches: branchesOf('conditional_expression', 'body'),
  concat: operandsOf('binary_expression', '.'),
  boundName: assignedName('assignment_expression'),
  extensionTypes: ['assignment_expression', 'function_call_expression'],
  extension: (n, name) => {
    if (n.type === 'assignment_expression') {
      const left = n.childForFieldName('left');
      // `$cmd[] = '-k'`
      if (left?.type !== 'subscript_expression' || !/\[\s*\]$/.test(left.text) || named(left)[0]?.text !== name)
        return undefined;
      const right = n.childForFieldName('right');
      return right ? { added: [right], single: true } : undefined;
    }
    if (n.childForFieldName('function')?.text !== 'array_push') return undefined;
    const args = php.args(n);
    return args[0]?.text === name ? { added: args.slice(1), single: args.length === 2 } : undefined;
  },
  functions: ['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function'],
  runs: (_c, callee) => {
    const last = lastName(callee);
    if (!PHP_SHELL.has(last)) return undefined;
    if (last === 'fromShellCommandline') return { kind: 'shell' };
    // proc_open takes a string or (PHP 7.4+) an argument array.
    return { kind: 'auto' };
  },
};

const JAVA_LIST_FACTORIES =
  /^(Arrays\.asList|List\.of|Stream\.of|ImmutableList\.of|Lists\.newArrayList|Collections\.singletonList)$/;

const java: Syntax = {
  lists: ['array_initializer', 'array_creation_expression', 'method_invocation', 'object_creation_expression'],
  assignments: ['variable_declarator', 'assignment_expression'],
  calls: ['method_invocation', 'object_creation_expression'],
  callee: (c) => {
    if (c.type === 'object_creation_expression') return 'new ' + (c.childForFieldName('type')?.text ?? '');
    const o = c.childForFieldName('object')?.text;
    const n = c.childForFieldName('name')?.text;
    return n && (o ? `${o}.${n}` : n);
  },
  args: (c) => named(c.childForFieldName('arguments')),
  listElements: (n) => {
    if (n.type === 'array_initializer') return named(n);
    // `new String[] {...}`; `new long[N]` has no elements (and no initializer to look into).
    if (n.type === 'array_creation_expression') {
      const value = n.childForFieldName('value');
      return value ? (java.listElements(value) ?? []) : [];
    }
    if (n.type === 'method_invocation' && JAVA_LIST_FACTORIES.test(java.callee(n) ?? '')) return java.args(n);
    // `new ArrayList<>(Arrays.asList(...))`
    if (
      n.type === 'object_creation_expression' &&
      /^(ArrayList|LinkedList)\b/.test(n.childForFieldName('type')?.text ?? '')
    ) {
      const a = java.args(n);
      return a.length === 1 ? java.listElements(a[0]) : undefined;
    }
    return undefined;
  },
  strings: ['string_literal'],
  shellStrings: [],
  splats: [],
  branches: ternaryBranches,
  concat: plusOperands,
  boundName: declaredOrAssignedName,
  extensionTypes: ['method_invocation'],
  extension: (n, name) => {
    if (n.childForFieldName('object')?.text !== name) return undefined;
    const m = n.childForFieldName('name')?.text;
    const args = java.args(n);
    if (m === 'add') return { added: args.slice(-1), single: true };
    if (m === 'addAll') return { added: args.slice(-1), single: false };
    return undefined;
  },
  functions: ['method_declaration', 'constructor_declaration', 'lambda_expression'],
  runs: (_c, callee) => {
    if (callee === 'new ProcessBuilder') return { kind: 'argv', from: 0 };
    const last = lastName(callee);
    if (last === 'command' && /ProcessBuilder|\b(pb|builder|processBuilder)\b/.test(callee))
      return { kind: 'argv', from: 0 };
    if (last === 'exec' && /Runtime|runtime|\brt\b/.test(callee)) return { kind: 'auto' };
    return undefined;
  },
};

/** The elements of a Rust macro's token tree (`vec!["-k", url]`): each comma-separated run's first node. */
function tokenElements(tree: Node | undefined): Node[] {
  const out: Node[] = [];
  let first: Node | undefined;
  for (const c of tree?.children ?? []) {
    if (!c || /comment/.test(c.type) || c.type === '[' || c.type === '(') continue;
    if (c.type === ',' || c.type === ']' || c.type === ')') {
      if (first) out.push(first);
      first = undefined;
    } else first ??= c;
  }
  if (first) out.push(first);
  return out;
}

/** The macro a Rust `macro_invocation` calls (`vec`, `format`). */
const macroName = (n: Node): string | undefined =>
  n.type === 'macro_invocation' ? n.childForFieldName('macro')?.text.replace(/^.*::/, '') : undefined;

/** The method a Rust call calls on a receiver (`cmd.arg(..)`): the receiver and the method's name. */
function rustMethod(call: Node): { receiver: Node; name: string } | undefined {
  const f = call.type === 'call_expression' ? call.childForFieldName('function') : null;
  const receiver = f?.type === 'field_expression' ? f.childForFieldName('value') : null;
  const name = f?.childForFieldName('field')?.text;
  return receiver && name ? { receiver, name } : undefined;
}

/** `arg`/`args` calls chained on a Rust `Command` (`.arg("-k").current_dir(..).args([..])`), from `node` up. */
function rustChain(node: Node): Built[] {
  const out: Built[] = [];
  for (let top = node; ;) {
    const call = top.parent?.parent;
    const m = call ? rustMethod(call) : undefined;
    if (!call || !m?.receiver.equals(top)) return out;
    const arg = rust.args(call)[0];
    if (arg && (m.name === 'arg' || m.name === 'args')) out.push({ node: arg, as: m.name });
    top = call;
  }
}

const rust: Syntax = {
  lists: ['array_expression', 'macro_invocation', 'reference_expression'],
  assignments: ['let_declaration', 'assignment_expression'],
  calls: ['call_expression'],
  callee: (c) => {
    const f = c.childForFieldName('function');
    if (f?.type !== 'field_expression') return f?.text;
    const value = f.childForFieldName('value');
    return `${value?.type === 'identifier' ? value.text : '_'}.${f.childForFieldName('field')?.text ?? ''}`;
  },
  args: (c) => named(c.childForFieldName('arguments')),
  listElements: (n) => {
    if (n.type === 'array_expression') return named(n);
    if (n.type === 'reference_expression') {
      const v = n.childForFieldName('value');
      return v ? rust.listElements(v) : undefined;
    }
    if (macroName(n) === 'vec') return tokenElements(named(n).find((c) => c.type === 'token_tree'));
    return undefined;
  },
  strings: ['string_literal', 'raw_string_literal'],
  shellStrings: [],
  splats: [],
  branches: (n) => {
    if (n.type !== 'if_expression') return undefined;
    // `if insecure { "-k" } else { "" }`: each block's value.
    const alt = n.childForFieldName('alternative');
    return [n.childForFieldName('consequence'), alt?.namedChildren.find((c) => c?.type === 'block')]
      .map((b) => (b ? named(b).at(-1) : undefined))
      .filter(isNode);
  },
  concat: (n) => {
    // `format!("curl -k {}", url)`: the format string (its `{}` are no options).
    if (macroName(n) === 'format') {
      const first = tokenElements(named(n).find((c) => c.type === 'token_tree'))[0];
      return first && charsOf(first, rust) ? [first] : undefined;
    }
    return plusOperands(n);
  },
  boundName: (v) => {
    const p = v.parent;
    if (p?.type === 'let_declaration' && p.childForFieldName('value')?.equals(v)) {
      const pattern = p.childForFieldName('pattern');
      return pattern?.type === 'identifier' ? pattern.text : undefined;
    }
    if (p?.type === 'assignment_expression' && p.childForFieldName('right')?.equals(v))
      return p.childForFieldName('left')?.text;
    return undefined;
  },
  extensionTypes: ['call_expression'],
  extension: (n, name) => {
    // `cmd.arg("-c").arg("http.sslVerify=false")`: the chain from its first call on the name.
    const m = rustMethod(n);
    if (m?.receiver.text !== name || m.receiver.type !== 'identifier') return undefined;
    const parts: Built[] = [];
    const arg = rust.args(n)[0];
    if (arg && (m.name === 'arg' || m.name === 'args')) parts.push({ node: arg, as: m.name });
    parts.push(...rustChain(n));
    if (!parts.length) return undefined;
    // Each element its own word: an `args` list is spread by the reader (a non-string is read as a value).
    return { added: parts.map((p) => p.node), single: false };
  },
  functions: ['function_item', 'closure_expression'],
  runs: (_c, callee) => (/(^|::)Command::new$/.test(callee) ? { kind: 'builder' } : undefined),
  built: (call, later) => {
    const out = rustChain(call);
    // `let mut cmd = Command::new("git"); cmd.arg("-c").arg(..);`: the statements on the name after it.
    let top = call;
    for (let c = top.parent?.parent; c && rustMethod(c)?.receiver.equals(top); c = top.parent?.parent) top = c;
    const name = rust.boundName(top);
    if (!name) return out;
    for (const n of later(top)) {
      const m = rustMethod(n);
      if (m?.receiver.type !== 'identifier' || m.receiver.text !== name) continue;
      const arg = rust.args(n)[0];
      if (arg && (m.name === 'arg' || m.name === 'args')) out.push({ node: arg, as: m.name });
      out.push(...rustChain(n));
    }
    return out;
  },
  converted: (n) => {
    if (n.type === 'reference_expression') return n.childForFieldName('value') ?? undefined;
    // `"-k".to_string()`, `"-k".into()`, `String::from("-k")`, `OsStr::new("-k")`, `url.as_str()`.
    const m = rustMethod(n);
    if (m && /^(to_string|to_owned|into|as_str|as_ref)$/.test(m.name) && !rust.args(n).length) return m.receiver;
    const f = n.type === 'call_expression' ? n.childForFieldName('function')?.text : undefined;
    if (f && /^(String::from|OsStr::new|OsString::from)$/.test(f)) return rust.args(n)[0];
    return undefined;
  },
};

/** .NET: the argument node's value (`arguments: "-k"` named or not). */
const csharpArgs = (c: Node): Node[] =>
  named(c.childForFieldName('arguments')).map((a) => (a.type === 'argument' ? (named(a).at(-1) ?? a) : a));

/** A `Process`/`ProcessStartInfo` member written on `name` (`psi.Arguments`, `p.StartInfo.FileName`). */
function startInfoMember(target: Node | null | undefined, name: string): string | undefined {
  if (target?.type !== 'member_access_expression') return undefined;
  const member = target.childForFieldName('name')?.text;
  let owner = target.childForFieldName('expression');
  if (owner?.type === 'member_access_expression' && owner.childForFieldName('name')?.text === 'StartInfo')
    owner = owner.childForFieldName('expression');
  return owner?.text === name ? member : undefined;
}

const csharp: Syntax = {
  lists: ['array_creation_expression', 'implicit_array_creation_expression', 'collection_expression'],
  assignments: ['variable_declarator', 'assignment_expression'],
  calls: ['invocation_expression', 'object_creation_expression'],
  callee: (c) =>
    c.type === 'object_creation_expression'
      ? `new ${c.childForFieldName('type')?.text ?? ''}`
      : c.childForFieldName('function')?.text,
  args: csharpArgs,
  listElements: (n) => {
    if (!csharp.lists.includes(n.type)) return undefined;
    const init = n.type === 'collection_expression' ? n : named(n).find((c) => c.type === 'initializer_expression');
    return init ? named(init) : undefined;
  },
  strings: ['string_literal', 'verbatim_string_literal', 'interpolated_string_expression', 'raw_string_literal'],
  shellStrings: [],
  splats: [],
  branches: (n) =>
    n.type === 'conditional_expression'
      ? [n.childForFieldName('consequence'), n.childForFieldName('alternative')].filter(isNode)
      : undefined,
  concat: plusOperands,
  boundName: (v) => {
    const p = v.parent;
    if (p?.type === 'variable_declarator' && named(p).at(-1)?.equals(v)) return p.childForFieldName('name')?.text;
    if (p?.type === 'assignment_expression' && p.childForFieldName('right')?.equals(v))
      return p.childForFieldName('left')?.text;
    return undefined;
  },
  declaredValue: (d) => {
    const v = d.type === 'variable_declarator' ? named(d).at(-1) : undefined;
    return v && !d.childForFieldName('name')?.equals(v) ? v : undefined;
  },
  extensionTypes: ['invocation_expression', 'assignment_expression'],
  extension: (n, name) => {
    const f = n.childForFieldName('function');
    if (f?.type !== 'member_access_expression' || f.childForFieldName('expression')?.text !== name) return undefined;
    const m = f.childForFieldName('name')?.text;
    const args = csharpArgs(n);
    if (m === 'Add') return { added: args.slice(-1), single: true };
    if (m === 'AddRange') return { added: args.slice(-1), single: false };
    return undefined;
  },
  functions: [
    'method_declaration',
    'constructor_declaration',
    'local_function_statement',
    'lambda_expression',
    'anonymous_method_expression',
  ],
  runs: (c, callee) => {
    const type = callee.replace(/^new (System\.Diagnostics\.)?/, 'new ');
    if (type === 'new ProcessStartInfo' || type === 'new Process') return { kind: 'builder' };
    // `Process.Start("curl", "-k ...")`; `Process.Start(psi)` is read where `psi` is made.
    if (/(^|\.)Process\.Start$/.test(callee) && csharpArgs(c).length >= 2) return { kind: 'builder' };
    return undefined;
  },
  built: (call, later) => {
    const out: Built[] = [];
    const args = csharpArgs(call);
    const arguments_ = args[1];
    if (arguments_) out.push({ node: arguments_, as: csharp.listElements(arguments_) ? 'args' : 'split' });
    // `new ProcessStartInfo { FileName = "curl", Arguments = "-k ..." }`
    const init = named(call).find((c) => c.type === 'initializer_expression');
    for (const a of named(init)) {
      const left = a.type === 'assignment_expression' ? a.childForFieldName('left')?.text : undefined;
      const right = a.childForFieldName('right');
      if (left === 'Arguments' && right) out.push({ node: right, as: 'split' });
      if (left === 'FileName' && right && !args.length) out.unshift({ node: right, as: 'program' });
    }
    // `psi.Arguments = "..."`, `p.StartInfo.Arguments += "..."`, `psi.ArgumentList.Add("-k")`.
    const name = call.type === 'object_creation_expression' ? csharp.boundName(call) : undefined;
    if (!name) return out;
    for (const n of later(call)) {
      if (n.type === 'assignment_expression') {
        const right = n.childForFieldName('right');
        const member = startInfoMember(n.childForFieldName('left'), name);
        if (right && member === 'Arguments') out.push({ node: right, as: 'split' });
        if (right && member === 'FileName' && !args.length) out.unshift({ node: right, as: 'program' });
        continue;
      }
      const f = n.childForFieldName('function');
      const owner = f?.type === 'member_access_expression' ? f.childForFieldName('expression') : undefined;
      const m = f?.childForFieldName('name')?.text;
      if (!owner || startInfoMember(owner, name) !== 'ArgumentList') continue;
      const arg = csharpArgs(n)[0];
      if (arg && (m === 'Add' || m === 'AddRange')) out.push({ node: arg, as: m === 'Add' ? 'arg' : 'args' });
    }
    return out;
  },
};

const KOTLIN_LISTS = /^(listOf|mutableListOf|arrayListOf|arrayOf|listOfNotNull)$/;

/** A Kotlin call's callee as written, and its arguments (engine/languages/kotlin's `callOf`). */
const kotlinCall = (c: Node) => {
  const call = kotlinCallOf(c);
  return call && { callee: named(c)[0]?.text ?? call.name, call };
};

const kotlin: Syntax = {
  lists: ['call_expression'],
  assignments: ['property_declaration', 'assignment'],
  calls: ['call_expression'],
  callee: (c) => kotlinCall(c)?.callee,
  args: (c) => kotlinCallOf(c)?.args.filter((a) => a.type !== 'lambda_literal') ?? [],
  listElements: (n) => {
    const call = n.type === 'call_expression' ? kotlinCallOf(n) : undefined;
    return call && !call.receiver && KOTLIN_LISTS.test(call.name) ? kotlin.args(n) : undefined;
  },
  strings: ['string_literal', 'multiline_string_literal'],
  shellStrings: [],
  splats: ['spread_expression'],
  branches: (n) => {
    if (n.type !== 'if_expression') return undefined;
    const condition = n.childForFieldName('condition');
    return named(n)
      .filter((c) => !condition?.equals(c))
      .map((c) => (c.type === 'block' || c.type === 'control_structure_body' ? named(c).at(-1) : c))
      .filter(isNode);
  },
  concat: (n) =>
    n.type === 'binary_expression' && n.children.some((c) => c?.type === '+')
      ? [n.childForFieldName('left'), n.childForFieldName('right')].filter(isNode)
      : undefined,
  boundName: (v) => {
    const p = v.parent;
    if (p?.type === 'property_declaration' && named(p).at(-1)?.equals(v))
      return named(named(p).find((c) => c.type === 'variable_declaration'))[0]?.text;
    if (p?.type === 'assignment' && p.childForFieldName('right')?.equals(v) && p.children.some((c) => c?.type === '='))
      return p.childForFieldName('left')?.text;
    return undefined;
  },
  declaredValue: (d) => {
    const v = d.type === 'property_declaration' ? named(d).at(-1) : undefined;
    return v && v.type !== 'variable_declaration' ? v : undefined;
  },
  extensionTypes: ['call_expression', 'assignment'],
  extension: (n, name) => {
    if (n.type === 'assignment') {
      // `cmd += "-k"`, `cmd += listOf("-k", url)`
      const right = n.childForFieldName('right');
      if (n.childForFieldName('left')?.text !== name || !n.children.some((c) => c?.type === '+=') || !right)
        return undefined;
      return { added: [right], single: false };
    }
    const call = kotlinCallOf(n);
    if (call?.receiver?.text !== name) return undefined;
    const args = kotlin.args(n);
    if (call.name === 'add') return { added: args.slice(-1), single: true };
    if (call.name === 'addAll') return { added: args.slice(-1), single: false };
    return undefined;
  },
  functions: ['function_declaration', 'lambda_literal', 'anonymous_function', 'secondary_constructor'],
  runs: (c, callee) => {
    const call = kotlinCallOf(c);
    if (!call) return undefined;
    if (!call.receiver && /^(java\.lang\.)?ProcessBuilder$/.test(callee)) return { kind: 'argv', from: 0 };
    if (call.name === 'command' && /ProcessBuilder|\b(pb|builder|processBuilder)\b/.test(callee))
      return { kind: 'argv', from: 0 };
    if (call.name === 'exec' && /Runtime|runtime|\brt\b/.test(callee)) return { kind: 'auto' };
    return undefined;
  },
};

const SYNTAX: Partial<Record<LanguageId, Syntax>> = {
  python,
  javascript,
  typescript: javascript,
  tsx: javascript,
  go,
  ruby,
  php,
  java,
  kotlin,
  rust,
  csharp,
};

/** The languages whose code `commandsOf` reads command lines from. */
export const CODE_LANGUAGES = Object.keys(SYNTAX) as LanguageId[];

function isNode(n: Node | null | undefined): n is Node {
  return !!n;
}

// ---------------------------------------------------------------------------------------------------
// Strings

/** One character of a string's value and where the source writes it. */
interface Char {
  c: string;
  start: number;
  end: number;
  /** Part of an interpolation (`${url}`, `#{u}`, `$u`): unknown text. */
  hole?: boolean;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '`': '`',
  $: '$',
};

const CONTENT =
  /^(string_content|string_fragment|string_literal_content|interpreted_string_literal_content|raw_string_literal_content)$/;

/** The character an escape sequence (without its backslash) stands for; NUL when unknown. */
function unescape(e: string): string {
  const hex = /^(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\})$/.exec(e);
  if (hex) return String.fromCodePoint(parseInt(hex[1] ?? hex[2] ?? hex[3], 16));
  return ESCAPES[e] ?? (e.length === 1 ? e : '\0');
}

/** The characters of a string literal (undefined when the node is not one). */
function charsOf(node: Node, syntax: Syntax): Char[] | undefined {
  if (!syntax.strings.includes(node.type) && !syntax.shellStrings.includes(node.type)) return undefined;
  if (node.type === 'concatenated_string') {
    const out: Char[] = [];
    for (const part of named(node)) {
      const c = charsOf(part, syntax);
      if (!c) return undefined;
      out.push(...c);
    }
    return out;
  }
  const out: Char[] = [];
  const kids = named(node);
  if (kids.length === 0) {
    // A string without content nodes: its text between the quotes (`''`, Ruby's bare words).
    // C#'s verbatim `@"..."`.
    const m = /^([A-Za-z]*@?)(["'`]?)/.exec(node.text)!;
    const open = m[0].length;
    const close = m[2] ? 1 : 0;
    for (let i = node.startIndex + open; i < node.endIndex - close; i++)
      out.push({ c: node.text[i - node.startIndex], start: i, end: i + 1 });
    return out;
  }
  // Python's r'...' strings keep their backslashes.
  const rawString = node.type === 'string' && /^[rR]|^[bB][rR]|^[fF][rR]|^[rR][fFbB]/.test(node.text);
  for (const k of kids) {
    if (CONTENT.test(k.type)) {
      // Python nests its escape sequences (and f-string interpolations) inside the content node.
      let at = k.startIndex;
      const text = k.text;
      const inner = named(k);
      for (const x of [...inner, undefined]) {
        const until = x ? x.startIndex : k.endIndex;
        for (; at < until; at++) out.push({ c: text[at - k.startIndex], start: at, end: at + 1 });
        if (!x) break;
        if (x.type === 'escape_sequence' && !rawString)
          out.push({ c: unescape(x.text.slice(1)), start: x.startIndex, end: x.endIndex });
        else if (x.type === 'escape_sequence')
          for (let i = x.startIndex; i < x.endIndex; i++) out.push({ c: text[i - k.startIndex], start: i, end: i + 1 });
        else out.push({ c: '\0', start: x.startIndex, end: x.endIndex, hole: true });
        at = x.endIndex;
      }
    } else if (k.type === 'escape_sequence' && !rawString) {
      out.push({ c: unescape(k.text.slice(1)), start: k.startIndex, end: k.endIndex });
    } else if (/^(string_start|string_end|interpolation_start|interpolation_quote)$/.test(k.type)) {
      continue;
    } else if (k.type === 'bare_string' || k.type === 'string') {
      const inner = charsOf(k, syntax);
      if (inner) out.push(...inner);
    } else {
      out.push({ c: '\0', start: k.startIndex, end: k.endIndex, hole: true });
    }
  }
  return out;
}

/** A word of one string literal element: its value and where it is written verbatim. */
function literalWord(node: Node, chars: Char[], remove?: Range): Word {
  const value = chars.some((c) => c.hole) ? undefined : chars.map((c) => c.c).join('');
  const verbatim =
    value !== undefined && chars.every((c, i) => c.end - c.start === 1 && (i === 0 || c.start === chars[i - 1].end));
  const raw = verbatim
    ? chars.length > 0
      ? { start: chars[0].start, end: chars[chars.length - 1].end }
      : undefined
    : undefined;
  return { node, value, start: node.startIndex, end: node.endIndex, raw, remove };
}

/** Splits a command string the way a POSIX shell does (quotes, escapes, `;`, `&&`, `|`), with offsets. */
function splitShell(node: Node, chars: Char[]): Word[][] {
  const commands: Word[][] = [];
  let words: Word[] = [];
  let cur: Char[] | undefined;
  let unknown = false;
  let quoted = false;
  const flush = () => {
    if (!cur) return;
    const first = cur[0];
    const last = cur[cur.length - 1];
    const start = first?.start ?? 0;
    const end = last?.end ?? start;
    const value = unknown ? undefined : cur.map((c) => c.c).join('');
    const contiguous =
      !quoted && cur.every((c, i) => c.end - c.start === 1 && (i === 0 || c.start === cur![i - 1].end));
    let removeStart = start;
    while (removeStart > node.startIndex && /[ \t]/.test(textAt(node, removeStart - 1))) removeStart--;
    words.push({
      node,
      value,
      start,
      end,
      raw: contiguous && value !== undefined ? { start, end } : undefined,
      remove: contiguous && removeStart < start ? { start: removeStart, end } : undefined,
    });
    cur = undefined;
    unknown = false;
    quoted = false;
  };
  const endCommand = () => {
    flush();
    if (words.length) commands.push(words);
    words = [];
  };
  let quote: string | undefined;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const add = (c: Char) => {
      cur ??= [];
      cur.push(c);
      if (c.hole) unknown = true;
    };
    if (ch.hole) {
      add(ch);
      continue;
    }
    if (quote) {
      if (ch.c === quote) quote = undefined;
      else if (quote === '"' && ch.c === '\\' && i + 1 < chars.length) add(chars[++i]);
      else if (quote === '"' && ch.c === '$') {
        add(ch);
        unknown = true;
      } else add(ch);
      continue;
    }
    if (ch.c === "'" || ch.c === '"') {
      quote = ch.c;
      quoted = true;
      cur ??= [];
      continue;
    }
    if (ch.c === '\\' && i + 1 < chars.length) {
      quoted = true;
      add(chars[++i]);
      continue;
    }
    if (/\s/.test(ch.c)) {
      if (ch.c === '\n') endCommand();
      else flush();
      continue;
    }
    if (/[;&|()<>]/.test(ch.c)) {
      if (/[<>]/.test(ch.c)) flush();
      else endCommand();
      continue;
    }
    if (ch.c === '$' || ch.c === '`' || ch.c === '*' || ch.c === '?') unknown = true;
    add(ch);
  }
  endCommand();
  return commands;
}

function textAt(node: Node, offset: number): string {
  return node.text[offset - node.startIndex] ?? '';
}

// ---------------------------------------------------------------------------------------------------
// The reader

const SHELLS = /^(sh|bash|zsh|dash|ksh|ash)$/;

/** A computed program name that says which program it holds (`git_path`, `CURL_BIN`, `sys.executable`). */
function programOfName(text: string): string | undefined {
  if (/^sys\.executable$|^process\.execPath$/.test(text)) return 'python';
  const last = (text.split(/\.|->|::/).pop() ?? '').replace(/^[$@]+|\(\)$/g, '').toLowerCase();
  const m =
    /^_*(curl|wget|aria2c|git|npm|yarn|pnpm|pip[0-9.]*|conda|openssl)(_?(path|bin|binary|exe|executable|cmd|command|tool|program))?$/.exec(
      last,
    ) ?? /^_*(?:path|bin|exe)_?(?:to_|of_)?(curl|wget|git|npm|yarn|pnpm|openssl)$/.exec(last);
  return m?.[1];
}

class Reader {
  private readonly consumed = new Set<number>();
  private readonly out: Command[] = [];

  constructor(
    private readonly file: SourceFile,
    private readonly s: Syntax,
  ) {}

  commands(): Command[] {
    const s = this.s;
    // Calls that run a program. Which program a call runs is a question of its callee's text: the calls
    // that run none are not read further (engine/reads records the question instead of every call).
    const runner = (call: Node) => {
      const callee = s.callee(call);
      return callee ? { callee, shape: s.runs(call, callee) } : undefined;
    };
    const picks = (call: Node) => {
      const r = runner(call);
      return !!r && (!!r.shape || WRAPPER_CALLEE.test(lastName(r.callee)));
    };
    noteNodeTest(`cmdline.calls:${s.calls.join(',')}`, { types: s.calls, picks });
    for (const call of unrecorded(() => this.file.nodes(...s.calls))) {
      if (!unrecorded(() => picks(call))) continue;
      const { callee, shape } = runner(call)!;
      if (shape) this.fromCall(call, shape);
      else this.fromWrapper(call, callee);
    }
    // Backticks.
    if (s.shellStrings.length) for (const n of this.file.nodes(...s.shellStrings)) this.fromShellString(n, n);
    // Argument lists anywhere whose first element names a program (only in a text that names one as a
    // string or a variable: the file's every list is not fetched for nothing).
    noteScan(PROGRAM_HINT);
    if (!PROGRAM_HINT.test(this.file.text)) return this.out;
    // Which program a list starts with is a question of its first element (and a class around it): the
    // lists that start with none are not read further (engine/reads).
    const program = (n: Node) => {
      const elements = s.listElements(n);
      if (!elements?.length) return false;
      const first = elements[0];
      const chars = charsOf(first, s);
      const head = chars ? literalWord(first, chars).value : (programOfName(first.text) ?? this.classProgram(first));
      if (!head || !/^[\w./-]+$/.test(head)) return false;
      const name = head.replace(/^.*\//, '');
      return KNOWN_PROGRAMS.test(name) || SHELLS.test(name) || WRAPPERS.has(name);
    };
    noteNodeTest(`cmdline.lists:${s.lists.join(',')}`, { types: s.lists, picks: program });
    for (const n of unrecorded(() => this.file.nodes(...this.s.lists))) {
      // The question first: a list it does not pick is not read (its type included).
      if (!unrecorded(() => program(n))) continue;
      if (this.consumed.has(n.startIndex * 7 + n.type.length)) continue;
      this.emit(n, this.listWords(n, 0));
    }
    return this.out;
  }

  private fromCall(call: Node, shape: RunShape): void {
    const args = this.s.args(call);
    if (shape.kind === 'builder') return this.fromBuilder(call, args);
    if (args.length === 0) return;
    let kind = shape.kind;
    if (kind === 'auto') {
      // One string: a shell command; a list: the argument vector; several strings: the argument vector.
      const first = args[0];
      const resolved = this.resolve(first);
      if (this.stringChars(resolved) && (args.length === 1 || !this.stringChars(this.resolve(args[1])))) kind = 'shell';
      else kind = 'argv';
    }
    if (kind === 'shell') {
      this.fromShellString(this.resolve(args[0]), call);
      return;
    }
    if (kind === 'program+list') {
      const prog = this.wordsOf(args[0], false, 0);
      const rest = args[1] ? this.wordsOf(args[1], true, 0) : [];
      this.emit(call, [...prog, ...rest]);
      return;
    }
    const from = shape.kind === 'argv' ? shape.from : 0;
    const words: Word[] = [];
    const spread = args.length - from === 1;
    for (let i = from; i < args.length; i++) words.push(...this.wordsOf(args[i], spread || args.length > 1, 0, args));
    this.emit(call, words);
  }

  /** A program and the arguments a builder is given (`Syntax.built`). */
  private fromBuilder(call: Node, args: Node[]): void {
    const built = this.s.built?.(call, (n) => this.laterStatements(n)) ?? [];
    const program = built.find((b) => b.as === 'program')?.node ?? args[0];
    if (!program) return;
    const words = this.wordsOf(program, false, 0);
    for (const b of built) {
      if (b.as === 'program') continue;
      if (b.as === 'split') {
        const value = this.resolve(b.node);
        const chars = this.stringChars(value);
        if (chars) words.push(...splitShell(value, chars).flat());
        else words.push(...this.wordsOf(b.node, true, 0));
      } else words.push(...this.wordsOf(b.node, b.as === 'args', 0));
    }
    this.emit(call, words);
  }

  /**
   * A function named for the program it runs, given the program's arguments: `git("-c",
   * "http.sslVerify=false", "push")`, `run_git(["-c", ...])`, `runGitClone([]string{...})`, sh's
   * `sh.curl("-k", url)`. Only arguments that are options count, so a wrapper taking a URL is no command.
   */
  private fromWrapper(call: Node, callee: string): void {
    const m = WRAPPER_CALLEE.exec(lastName(callee));
    if (!m) return;
    const args = this.s.args(call);
    if (args.length === 0) return;
    const words = args.flatMap((a) => this.wordsOf(a, true, 0, args));
    if (!words.some((w) => w.value?.startsWith('-'))) return;
    this.out.push({ node: call, name: m[1].toLowerCase(), args: words });
  }

  /**
   * The characters of a command string: a literal, or a concatenation of literals and computed parts
   * (`"curl -k " + url`), whose computed parts are unknown text.
   */
  private stringChars(n: Node, depth = 0): Char[] | undefined {
    const own = charsOf(n, this.s);
    if (own || depth > 4) return own;
    const parts = this.s.concat(n);
    if (!parts) return undefined;
    const out: Char[] = [];
    let literal = false;
    for (const p of parts) {
      const c = this.stringChars(p, depth + 1);
      if (c) literal = true;
      out.push(...(c ?? [{ c: '\0', start: p.startIndex, end: p.endIndex, hole: true }]));
    }
    return literal ? out : undefined;
  }

  /** A string run by a shell: each of its commands. */
  private fromShellString(str: Node, at: Node): void {
    const chars = this.stringChars(str);
    if (!chars) return;
    for (const words of splitShell(str, chars)) this.emit(at, words);
  }

  /** Skips wrappers, follows `sh -c '...'`, and records the command. */
  private emit(node: Node, words: Word[]): void {
    const i = programIndex(words);
    const head = words[i];
    if (!head) return;
    const name = head.value?.replace(/^.*\//, '') ?? programOfName(head.node.text) ?? this.classProgram(head.node);
    if (!name) return;
    const args = words.slice(i + 1);
    if (SHELLS.test(name) && args[0]?.value === '-c' && args[1]) {
      const script = args[1].node;
      if (args[1].start === script.startIndex && args[1].end === script.endIndex) this.fromShellString(script, node);
      return;
    }
    this.out.push({ node, name, args });
  }

  /** The value a name is bound to (the last binding before `use` in its function, else in the file). */
  private resolve(node: Node, depth = 0): Node {
    if (
      depth > 2 ||
      !/identifier|variable_name|^attribute$|member_expression|selector_expression|field_access/.test(node.type)
    )
      return node;
    const binding = this.bindingOf(node.text, node);
    return binding ? this.resolve(binding, depth + 1) : node;
  }

  private bindings(): Map<string, Node[]> {
    return this.file.memo('cmdline.bindings', () => {
      const map = new Map<string, Node[]>();
      for (const a of this.file.nodes(...this.s.assignments)) {
        const right = a.childForFieldName('right') ?? a.childForFieldName('value') ?? this.s.declaredValue?.(a);
        for (const v of right?.type === 'expression_list' ? named(right) : right ? [right] : []) {
          // A call is no value to read (`args = append(args, "-k")` is an append, read as one).
          if (this.s.calls.includes(v.type) && !this.s.listElements(v)) continue;
          const name = this.s.boundName(v);
          if (!name) continue;
          let list = map.get(name);
          if (!list) map.set(name, (list = []));
          list.push(v);
        }
      }
      return map;
    });
  }

  private bindingOf(name: string, use: Node): Node | undefined {
    const candidates = this.bindings().get(name);
    if (!candidates) return undefined;
    const scope = this.scopeOf(use);
    let best: Node | undefined;
    for (const c of candidates) {
      if (c.startIndex >= use.startIndex) continue;
      const cs = this.scopeOf(c);
      if (cs && scope && !cs.equals(scope)) continue;
      if (cs && !scope) continue;
      best = c;
    }
    return best;
  }

  private scopeOf(n: Node): Node | undefined {
    for (let p = n.parent; p; p = p.parent) if (this.s.functions.includes(p.type)) return p;
    return undefined;
  }

  /**
   * The words an argument contributes: a string is one word; a list (literal, or bound to a local) its
   * elements and what is later appended to it; a conditional both branches; a splat the list it spreads.
   */
  private wordsOf(n: Node, spreadLists: boolean, depth: number, siblings?: Node[]): Word[] {
    if (depth > 8) return [];
    const s = this.s;
    const converted = s.converted?.(n);
    if (converted) return this.wordsOf(converted, spreadLists, depth + 1, siblings);
    const chars = charsOf(n, s);
    if (chars) return [literalWord(n, chars, siblings ? elementRemoval(this.file.text, n, siblings) : undefined)];
    const branches = s.branches(n);
    if (branches) return branches.flatMap((b) => this.wordsOf(b, spreadLists, depth + 1));
    const parts = s.concat(n);
    if (parts) return parts.flatMap((p) => this.wordsOf(p, true, depth + 1));
    if (s.splats.includes(n.type)) {
      const inner = named(n)[0];
      return inner ? this.wordsOf(inner, true, depth + 1) : [];
    }
    if (spreadLists && s.listElements(n)) return this.listWords(n, depth);
    if (
      spreadLists &&
      /identifier|variable_name|^attribute$|member_expression|selector_expression|field_access/.test(n.type)
    ) {
      const bound = this.bindingOf(n.text, n);
      if (bound) return this.wordsOf(bound, true, depth + 1);
    }
    if (s.calls.includes(n.type)) {
      const words = this.optionHelper(n);
      if (words) return words;
    }
    return [{ node: n, value: undefined, start: n.startIndex, end: n.endIndex }];
  }

  /**
   * A helper that returns an option when a setting asks for it (`self._valueless_option('--insecure',
   * 'nocheckcertificate')`, `cli_bool_option(params, '--check-certificate', 'nocheckcertificate')`): its
   * option words, with the setting as the flag that makes them an opt-in path.
   */
  private optionHelper(call: Node): Word[] | undefined {
    const args = this.s.args(call);
    const words: Word[] = [];
    const values: Word[] = [];
    let flag: Node | undefined;
    for (const a of args) {
      const chars = charsOf(a, this.s);
      // Never edited: what the helper makes of its arguments is its own business.
      const w = chars ? { ...literalWord(a, chars), raw: undefined } : undefined;
      if (w?.value !== undefined && /^-./.test(w.value)) words.push(w);
      else if (w?.value !== undefined && isFlagName(w.value)) flag ??= a;
      else if (!w && isFlagName(a.text.split(/\.|->|::/).pop() ?? '')) flag ??= a;
      else if (w && words.length === 1) values.push(w);
    }
    if (words.length === 0) return undefined;
    // One option and literal values: the first is the value it passes when the setting asks
    // (`_bool_option('--check-certificate', 'nocheckcertificate', 'false', 'true', '=')`).
    if (words.length === 1 && values.length) words.push(values[0]);
    return flag ? words.map((w) => ({ ...w, flag })) : words;
  }

  /** The program a class is named for, for a computed head inside it (`class CurlFD: ... [self.exe, ...]`). */
  private classProgram(head: Node): string | undefined {
    if (!/^(self|this|\$this|@)/.test(head.text)) return undefined;
    for (let p = head.parent; p; p = p.parent) {
      if (!/^(class_definition|class_declaration|class)$/.test(p.type)) continue;
      const name = p.childForFieldName('name')?.text ?? '';
      const m = /^(Curl|Wget|Git|Aria2c)(?=[A-Z_]|$)|(?:^|[a-z_])(Curl|Wget|Git|Aria2c)$/.exec(name);
      return m ? (m[1] ?? m[2]).toLowerCase() : undefined;
    }
    return undefined;
  }

  /**
   * The statements after a node in its function (or the file) that may add to what it is bound to: the
   * nodes of the language's `extensionTypes` (a builder's `cmd.arg(..)`, `psi.Arguments = ..`).
   */
  private laterStatements(node: Node): Node[] {
    const scope = this.scopeOf(node);
    const root = scope ?? this.file.tree?.rootNode;
    if (!root) return [];
    return root
      .descendantsOfType(this.s.extensionTypes)
      .filter(
        (n): n is Node =>
          !!n && n.startIndex >= node.endIndex && (!scope || !this.scopeOf(n) || this.scopeOf(n)!.equals(scope)),
      );
  }

  /** A list's elements, then what is appended to the name it is bound to. */
  private listWords(list: Node, depth: number): Word[] {
    const s = this.s;
    this.consumed.add(list.startIndex * 7 + list.type.length);
    const elements = s.listElements(list) ?? [];
    const words = elements.flatMap((e) => this.wordsOf(e, false, depth + 1, elements));
    // A Java `new ArrayList<>(Arrays.asList(...))` mark its inner list as read too.
    for (const e of list.descendantsOfType(this.s.lists)) if (e) this.consumed.add(e.startIndex * 7 + e.type.length);
    const name = s.boundName(list) ?? (list.parent ? s.boundName(list.parent) : undefined);
    if (!name) return words;
    const scope = this.scopeOf(list);
    const root = scope ?? this.file.tree?.rootNode;
    if (!root) return words;
    for (const n of root.descendantsOfType(s.extensionTypes)) {
      if (!n || n.startIndex < list.endIndex) continue;
      if (scope && this.scopeOf(n) && !this.scopeOf(n)!.equals(scope)) continue;
      const ext = s.extension(n, name);
      if (!ext) continue;
      for (const a of ext.added) {
        if (charsOf(a, s)) {
          const w = literalWord(
            a,
            charsOf(a, s)!,
            ext.single ? undefined : elementRemoval(this.file.text, a, ext.added),
          );
          words.push(w);
        } else words.push(...this.wordsOf(a, true, depth + 1));
      }
    }
    return words;
  }
}

/** A function named for running git or curl (`git`, `_git`, `run_git`, `runGitClone`, `gitCommand`, `curl`). */
const WRAPPER_CALLEE =
  /^_*(?:run_?|exec_?|call_?)?(git|Git|curl|Curl|wget|Wget)(?:_?(?:cmd|command|Command|exec|Exec|run|Run|call|Call|clone|Clone|fetch|Fetch|output|Output))?$/;

/** Text naming a program a list could start with: quoted, or as a variable or class name. */
const PROGRAM_HINT =
  /["'`[{(](?:[\w./-]*\/)?(?:curl|wget|aria2c|git|npm|yarn|pnpm|pip[0-9.]*|conda|openssl|sh|bash|sudo|env)["'`\s]|(?:curl|wget|git|aria2c)_?(?:path|bin|exe|cmd)|sys\.executable|class\s+\w*(?:Curl|Wget|Git|Aria2c)/i;

/** The expressions `mayHoldCommands` runs over a whole text (an incremental lint checks an edit against them). */
export const COMMAND_TEXT_SCANS: readonly RegExp[] = [OPTION_HINT, PROGRAM_HINT, WRAPPER_HINT, COMMAND_HINT];

/** Programs the command-line detectors judge (a list whose head is another program is no command of ours). */
const KNOWN_PROGRAMS = /^(curl|wget|aria2c|git|npm|yarn|pnpm|pip[0-9.]*|python[0-9.]*|conda|openssl)$/;

/** The deletion of one element of a comma-separated list: with the comma before it, or after it when first. */
function elementRemoval(text: string, el: Node, siblings: Node[]): Range | undefined {
  if (siblings.length < 2) return undefined;
  const i = siblings.findIndex((s) => s.equals(el));
  if (i < 0) return undefined;
  // Wrapped elements (Go's literal_element, PHP's array_element_initializer) are removed whole.
  const own = (n: Node) => {
    let x = n;
    while (x.parent && /^(literal_element|array_element_initializer|argument)$/.test(x.parent.type)) x = x.parent;
    return x;
  };
  const me = own(el);
  if (i > 0) {
    const prev = own(siblings[i - 1]);
    const between = text.slice(prev.endIndex, me.startIndex);
    if (!/^\s*,\s*$/.test(between)) return undefined;
    return { start: prev.endIndex, end: me.endIndex };
  }
  const next = own(siblings[1]);
  const between = text.slice(me.endIndex, next.startIndex);
  if (!/^\s*,\s*$/.test(between)) return undefined;
  return { start: me.startIndex, end: next.startIndex };
}
