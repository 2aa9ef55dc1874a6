// The JavaScript/TypeScript language module, by concept: the model (imports, bindings: which name or
// value reaches a node), syntax, the meaning of values and option objects, and edits. Detectors import
// from here.
export * from './edits';
export * from './functions';
export * from './model';
export * from './syntax';
export * from './values';
export { matchesApi } from '../../text';
