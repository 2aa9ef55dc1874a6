// Parameter values for a probe lint (engine/calls): in the probed module-level function, a parameter
// (`verify`), a name it destructures (`function connect({ rejectUnauthorized })`, `{ tls: { ca } }`) and a
// member of it (`opts.rejectUnauthorized`) hold the caller's constant, unless something between rebinds or
// writes the name.
import type { Node } from 'web-tree-sitter';
import { leavesNamed } from '../../node-index';
import type { SourceFile } from '../../types';
import { jsModuleFunctions } from './functions';
import { FUNCTION_TYPE_SET, memberName, propertyKey, unwrap } from './syntax';

/** A parameter name and the member path it stands for in the argument (`[]` for the argument itself). */
interface Bound {
  path: string[];
  /** The identifier that declares it in the parameter list. */
  declared: Node;
}

/** The names a parameter pattern binds, each with its path into the argument. */
function patternNames(pattern: Node | null | undefined, path: string[], out: Map<string, Bound>, depth = 0): void {
  if (!pattern || depth > 4) return;
  switch (pattern.type) {
    case 'identifier':
      out.set(pattern.text, { path, declared: pattern });
      return;
    case 'assignment_pattern':
      return patternNames(pattern.childForFieldName('left'), path, out, depth);
    case 'required_parameter':
    case 'optional_parameter':
      return patternNames(pattern.childForFieldName('pattern'), path, out, depth);
    case 'object_pattern':
      for (const p of pattern.namedChildren) {
        if (!p) continue;
        if (p.type === 'shorthand_property_identifier_pattern')
          out.set(p.text, { path: [...path, p.text], declared: p });
        else if (p.type === 'object_assignment_pattern') {
          const left = p.childForFieldName('left');
          if (left) out.set(left.text, { path: [...path, left.text], declared: left });
        } else if (p.type === 'pair_pattern') {
          const key = propertyKey(p.childForFieldName('key'));
          if (key) patternNames(p.childForFieldName('value'), [...path, key], out, depth + 1);
        }
      }
      return;
    default:
      // Array patterns and rest elements: not followed.
      return;
  }
}

/** The probed function's names bound by the probed parameter (memoized per probe lint). */
function probedNames(file: SourceFile): { fn: Node; names: Map<string, Bound> } | undefined {
  return file.memo('javascript.probe.names', () => {
    const probe = file.probe;
    const root = file.tree?.rootNode;
    if (!probe || probe.index === undefined || !root) return undefined;
    const fn = jsModuleFunctions(root).byName.get(probe.function);
    const params = fn?.childForFieldName('parameters') ?? fn?.childForFieldName('parameter');
    if (!fn || !params) return undefined;
    const list =
      params.type === 'identifier'
        ? [params]
        : params.namedChildren.filter((p): p is Node => !!p && p.type !== 'comment');
    const param = list[probe.index];
    // A rest parameter before or at the index takes the arguments as an array.
    if (!param || list.slice(0, probe.index + 1).some((p) => p.type === 'rest_pattern')) return undefined;
    const names = new Map<string, Bound>();
    patternNames(param, [], names);
    // `const { rejectUnauthorized = true } = opts;` in the function: names destructured from the parameter.
    const body = fn.childForFieldName('body');
    if (body)
      for (const d of body.descendantsOfType('variable_declarator')) {
        const pattern = d?.childForFieldName('name');
        const value = unwrap(d?.childForFieldName('value'));
        const from = value?.type === 'identifier' ? names.get(value.text) : undefined;
        if (pattern?.type === 'object_pattern' && from) patternNames(pattern, from.path, names);
      }
    return names.size ? { fn, names } : undefined;
  });
}

const SCOPES = new Set(['statement_block', 'for_statement', 'for_in_statement', 'catch_clause', 'class_body']);

/** Whether a declaration of `name` other than the parameter sits in a scope between `use` and the function. */
function rebound(file: SourceFile, use: Node, fn: Node, name: string, declared: Node): boolean {
  return file.memo(`javascript.probe.rebound:${name}:${use.startIndex}`, () => {
    const tree = file.tree;
    if (!tree) return true;
    const within = (n: Node, outer: Node) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;
    for (const id of leavesNamed(tree, file.text, name, 'identifier')) {
      if (!within(id, fn) || id.id === declared.id) continue;
      const parent = id.parent;
      if (!parent) continue;
      // A write anywhere in the function: the parameter no longer surely holds the caller's value.
      if (
        (parent.type === 'assignment_expression' || parent.type === 'augmented_assignment_expression') &&
        parent.childForFieldName('left')?.id === id.id
      )
        return true;
      if (parent.type === 'update_expression') return true;
      // Another binding of the name: a declaration, or a nested function's parameter, around the use.
      const binds =
        (parent.type === 'variable_declarator' && parent.childForFieldName('name')?.id === id.id) ||
        ((parent.type === 'function_declaration' || parent.type === 'class_declaration') &&
          parent.childForFieldName('name')?.id === id.id) ||
        parent.type === 'formal_parameters' ||
        parent.type === 'required_parameter' ||
        parent.type === 'optional_parameter' ||
        (parent.type === 'assignment_pattern' && parent.childForFieldName('left')?.id === id.id) ||
        (parent.type === 'arrow_function' && parent.childForFieldName('parameter')?.id === id.id);
      if (!binds) continue;
      let scope: Node | null = parent;
      while (scope && scope.id !== fn.id && !SCOPES.has(scope.type) && !FUNCTION_TYPE_SET.has(scope.type))
        scope = scope.parent;
      if (scope && within(use, scope)) return true;
    }
    // Destructured names: `{ x } = other` and shorthand patterns elsewhere in the function rebind them too.
    for (const p of tree.rootNode.descendantsOfType(
      'shorthand_property_identifier_pattern',
      fn.startPosition,
      fn.endPosition,
    ))
      if (p && p.text === name && p.id !== declared.id) return true;
    return false;
  });
}

/**
 * The value a node has in a probe lint when it reads the probed parameter: the probe's constant (a node of
 * a small tree of its own, engine/workspace `probeNode`), or the member it names in an object constant.
 * Undefined when this is no probe lint, the node is outside the probed function, or the name is rebound.
 */
export function probedValue(file: SourceFile, node: Node): Node | undefined {
  const probe = file.probe;
  if (!probe) return undefined;
  // `opts.tls.rejectUnauthorized`: the root name and the members read from it.
  const path: string[] = [];
  let root: Node | undefined = node;
  while (root?.type === 'member_expression' && path.length < 4) {
    const prop = root.childForFieldName('property');
    if (prop?.type !== 'property_identifier') return undefined;
    path.unshift(prop.text);
    root = unwrap(root.childForFieldName('object'));
  }
  if (root?.type !== 'identifier' && root?.type !== 'shorthand_property_identifier') return undefined;
  const probed = probedNames(file);
  if (!probed) return undefined;
  const { fn, names } = probed;
  const bound = names.get(root.text);
  if (!bound || root.startIndex < fn.startIndex || root.endIndex > fn.endIndex) return undefined;
  if (root.id === bound.declared.id || rebound(file, root, fn, root.text, bound.declared)) return undefined;
  const whole = file.workspace?.probeNode(probe.text, root);
  let v = unwrap(whole);
  for (const key of [...bound.path, ...path]) {
    if (v?.type !== 'object') return undefined;
    const member: Node | undefined =
      v.namedChildren.find((m) => !!m && m.type === 'pair' && memberName(m) === key) ?? undefined;
    v = unwrap(member?.childForFieldName('value'));
  }
  return v;
}
