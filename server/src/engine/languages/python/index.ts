// The Python language module, by concept: the semantic model (imports, bindings, scopes: which name
// or value reaches a node), finding nodes from the text's words, the meaning of values, intent, and
// edits. Detectors import from here.
export * from './anchors';
export * from './edits';
export * from './intent';
export * from './model';
export * from './syntax';
export * from './values';
export { indentAt, matchesApi } from '../../text';
