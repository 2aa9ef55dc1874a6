// `--format github`: GitHub Actions workflow commands, one annotation per finding
// (`::error file=app.py,line=7,col=30,endLine=7,endColumn=42,title=…::message`).
import type { Severity } from '../../engine/types';
import type { OutFinding } from '../scan';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice' };

/** Escapes a message (workflow-command data). */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (also `:` and `,`, which delimit properties). */
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Paths as given (the caller makes them relative to the current folder, which is the checkout in a workflow). */
export function formatGithub(findings: OutFinding[]): string {
  return findings
    .map((f) => {
      // A notebook finding points at the .ipynb file's line that holds its source line (columns are the cell's).
      const where =
        f.cell !== undefined
          ? [`line=${f.fileLine ?? 1}`, `endLine=${f.fileEndLine ?? f.fileLine ?? 1}`]
          : [`line=${f.line}`, `col=${f.column}`, `endLine=${f.endLine}`, `endColumn=${f.endColumn}`];
      const title =
        f.cell !== undefined ? `tlslint (${f.rule}) cell ${f.cell}:${f.line}:${f.column}` : `tlslint (${f.rule})`;
      const props = [`file=${prop(f.path)}`, ...where, `title=${prop(title)}`].join(',');
      return `::${COMMAND[f.severity]} ${props}::${data(`${f.rule}: ${f.message}`)}\n`;
    })
    .join('');
}
