// JavaScript and TypeScript call sites for engine/calls (none yet: the JavaScript model follows no parameter).
import type { SourceFile } from '../types';
import type { WorkspaceView } from '../workspace';
import type { CallSite } from './index';

export function jsCallSites(_file: SourceFile, _view: WorkspaceView): CallSite[] {
  return [];
}
