// Engine findings to LSP Diagnostics, at the edge: offsets become UTF-16 line/character here, and the
// fixes travel in `data` so code actions need no server-side state.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, Severity, TextEdit } from '../engine/types';
import * as path from 'path';
import { ruleDocUri } from '../host/docs';
import { pathToUri } from './settings';
import type { DiagnosticData, LspTextEdit } from './protocol';

/** Anything that turns an offset into a position: a TextDocument or the engine's LineIndex. */
export interface PositionSource {
  positionAt(offset: number): { line: number; character: number };
}

export const SOURCE = 'tlslint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

export function toLspEdit(e: TextEdit, doc: PositionSource): LspTextEdit {
  return { range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText };
}

/**
 * One finding as a Diagnostic; `version` is the document version linted (null for a file on disk), `uri`
 * the document's, for `relatedInformation` (an opt-in path's controlling flag).
 */
export function toDiagnostic(f: Finding, doc: PositionSource, version: number | null, uri?: string): Diagnostic {
  const data: DiagnosticData = {
    detector: f.detector,
    version,
    fixes: f.fixes.map((x) => ({ title: x.title, safety: x.safety, edits: x.edits.map((e) => toLspEdit(e, doc)) })),
  };
  if (f.suppressEdit) data.suppressEdit = toLspEdit(f.suppressEdit, doc);
  if (f.suppressFileEdit) data.suppressFileEdit = toLspEdit(f.suppressFileEdit, doc);
  const d: Diagnostic = {
    range: { start: doc.positionAt(f.start), end: doc.positionAt(f.end) },
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: SOURCE,
    message: f.message,
    data,
  };
  if (uri && f.related?.length)
    d.relatedInformation = f.related.map((r) => ({
      // In another file (an imported constant's definition): the host made its path absolute (withRelatedPaths).
      location: r.file
        ? {
            uri: path.isAbsolute(r.file.path) ? pathToUri(r.file.path) : r.file.path,
            range: {
              start: { line: r.file.line, character: r.file.character },
              end: { line: r.file.endLine, character: r.file.endCharacter },
            },
          }
        : { uri, range: { start: doc.positionAt(r.start), end: doc.positionAt(r.end) } },
      message: r.message,
    }));
  const href = ruleDocUri(f.rule);
  if (href) d.codeDescription = { href };
  if (f.rule === 'deprecated-api') d.tags = [DiagnosticTag.Deprecated];
  else if (f.rule === 'unused-suppression') d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

export function toDiagnostics(
  findings: readonly Finding[],
  doc: PositionSource,
  version: number | null,
  uri?: string,
): Diagnostic[] {
  return findings.map((f) => toDiagnostic(f, doc, version, uri));
}

/** Reads `data` back from a Diagnostic the client returned; undefined when it is not ours or is malformed. */
export function diagnosticData(d: Diagnostic): DiagnosticData | undefined {
  if (d.source !== SOURCE) return undefined;
  const data = d.data as DiagnosticData | undefined;
  if (!data || typeof data !== 'object' || !Array.isArray(data.fixes)) return undefined;
  return data;
}
