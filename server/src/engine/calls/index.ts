// Across functions and files: a call that passes an insecure constant to a function whose parameter reaches
// a sink is reported at the call site, with the sink as a related location (rules.md §Values).
//
// What a parameter reaches is learnt by a probe lint of the function's file (`LintInput.probe`): the
// parameter is taken to hold the caller's constant, the detectors run as usual, and the reports that rest
// on it are the sinks (rule, detector, message, place). The detectors judge the value themselves, so every
// detector that follows a parameter (the languages' parameter values) works across calls with no code of
// its own. The engine probes its own file for calls of its own functions; for another file's function it
// asks the host (`WorkspaceIndex.sinks`), which lints that file with the probe and caches the answer.
import type { Node } from 'web-tree-sitter';
import type { Detector, LanguageId, Report, SourceFile } from '../types';
import { probeKey, relatedAt, type FileSummary, type Probe, type SinkHit, type WorkspaceView } from '../workspace';
import { goCallSites, goCallsMayReach, goFunctionSpans, goFunctions, goPackageClause } from './go';
import { phpCallSites, phpFunctions } from './php';
import { rubyCallSites, rubyFunctions } from './ruby';
import { JS_CALL_TOKENS, jsCallScreen, jsCallSites, jsImportedNames, ownFunctions } from './javascript';
import {
  moduleFunctions,
  pythonCallSites,
  pythonCallsMayReach,
  pythonAssignedNames,
  pythonNamedConstantTexts,
  pythonFunctionSpans,
  pythonImports,
  type PythonImport,
} from './python';

/** A call of a function with a constant argument, as a language finds it. */
export interface CallSite {
  /** Where the finding goes: the argument (a keyword argument whole, or the positional value). */
  node: Node;
  /** The callee as written (`make_session`, `http.make_session`). */
  callee: string;
  /** The argument as written (`verify=False`, `False`). */
  shown: string;
  probe: Probe;
  /** The function's file: undefined for this file's own function. */
  summary?: FileSummary | undefined;
  /** The function as the related location names it, when not `probe.function` (a default export: `client`). */
  shownFunction?: string | undefined;
}

/** What a language offers: its call sites with constant arguments, and the words without which it has none. */
interface Language {
  tokens: readonly string[];
  /** What a file with one of the tokens must also hold to be read for calls (default: nothing more). */
  screen?(text: string): boolean;
  /** `mayReach`: whether a function's text names a detector's word (else it holds no sink). */
  sites(file: SourceFile, view: WorkspaceView, mayReach: (text: string) => boolean): CallSite[];
  /** The module-level functions of a file by name (a probe runs only the detectors its function's text calls for). */
  functions(file: SourceFile): Map<string, Node>;
  /** What a text's import statements name, read without parsing (`TextScreen.imports`); none: no screen. */
  imports?(text: string): { names: string[]; statements: PythonImport[] };
  /** A text's top-level functions as spans, read without parsing (`TextScreen.functions`); none: not known. */
  functionSpans?(text: string): { name: string; start: number; end: number }[];
  /** The texts a caller's constant may be copied from, by the name they are assigned to (`TextScreen.constantWords`); none: the whole text. */
  constantTexts?(text: string): { name: string; text: string }[];
  /** The names a text assigns at the top level (`TextScreen.assigned`); none: not known. */
  assignedNames?(text: string): string[];
  /** Whether a file whose text passes no detector's pre-filter may report a call site (`callsMayReach`). */
  mayReach?: typeof pythonCallsMayReach;
  /** A text's package clause, read without parsing (`TextScreen.package`). */
  packageClause?(text: string): string | undefined;
}

const JAVASCRIPT: Language = {
  tokens: JS_CALL_TOKENS,
  screen: jsCallScreen,
  sites: jsCallSites,
  functions: (file) => ownFunctions(file).byName,
  // One statement stands for all of them: a name any import or re-export may bind, or a star.
  imports: (text) => {
    const names = jsImportedNames(text);
    return { names, statements: [{ level: 1, module: '', names, star: names.includes('*') }] };
  },
};

const LANGUAGES: Partial<Record<LanguageId, Language>> = {
  python: {
    tokens: ['from .'],
    sites: pythonCallSites,
    functions: (file) => moduleFunctions(file.tree!.rootNode),
    imports: pythonImports,
    functionSpans: pythonFunctionSpans,
    constantTexts: pythonNamedConstantTexts,
    assignedNames: pythonAssignedNames,
    mayReach: pythonCallsMayReach,
  },
  // A constant passed as an argument (gofmt spaces it so): the function may be another package's of the module.
  // No text screen: a Go package's functions are found by folder, not by import statement.
  go: {
    tokens: ['(true', ', true', '(false', ', false'],
    sites: goCallSites,
    functions: (file) => goFunctions(file.tree!.rootNode),
    // A Go file's screen: its top-level functions and package clause (a package's files import nothing of
    // each other), so a call is matched to the file that defines the function without summarising them all.
    imports: () => ({ names: [], statements: [] }),
    functionSpans: goFunctionSpans,
    packageClause: goPackageClause,
    mayReach: goCallsMayReach,
  },
  // Ruby and PHP: this file's own top-level functions only (no text screen, and no word lets a file
  // without a TLS word through).
  ruby: {
    tokens: [],
    sites: rubyCallSites,
    functions: (file) => rubyFunctions(file.tree!.rootNode),
  },
  php: {
    tokens: [],
    sites: phpCallSites,
    functions: (file) => phpFunctions(file.tree!.rootNode),
  },
  javascript: JAVASCRIPT,
  typescript: JAVASCRIPT,
  tsx: JAVASCRIPT,
};

/**
 * Words one of which a file of this language with no TLS word must contain to call another file's function
 * (a relative import): the hosts' pre-filter lets such files through when they have an index.
 */
export function callTokens(language: LanguageId): readonly string[] {
  return LANGUAGES[language]?.tokens ?? [];
}

/** What a text's import statements name (`TextScreen`), or undefined for a language without a text screen. */
export function importsOf(
  language: LanguageId,
  text: string,
): { names: string[]; statements: PythonImport[] } | undefined {
  return LANGUAGES[language]?.imports?.(text);
}

/** A text's top-level functions as spans (`TextScreen.functions`), or undefined when the language cannot tell. */
export function functionSpansOf(
  language: LanguageId,
  text: string,
): { name: string; start: number; end: number }[] | undefined {
  return LANGUAGES[language]?.functionSpans?.(text);
}

/** A text's package clause (`TextScreen.package`), or undefined. */
export function packageOf(language: LanguageId, text: string): string | undefined {
  return LANGUAGES[language]?.packageClause?.(text);
}

/** The names a text assigns at the top level (`TextScreen.assigned`), or undefined when the language cannot tell. */
export function assignedNamesOf(language: LanguageId, text: string): string[] | undefined {
  return LANGUAGES[language]?.assignedNames?.(text);
}

/** The texts a caller's constant may be copied from, by name (`TextScreen.constantWords`), or undefined (the whole text). */
export function constantTextsOf(language: LanguageId, text: string): { name: string; text: string }[] | undefined {
  return LANGUAGES[language]?.constantTexts?.(text);
}

/**
 * Whether a file whose own words (and its path's) pass no detector's pre-filter may still report a call
 * site, from the text screens of the modules its imports reach (true when a language cannot tell).
 */
export function callsMayReach(language: LanguageId, ...args: Parameters<typeof pythonCallsMayReach>): boolean {
  return LANGUAGES[language]?.mayReach?.(...args) ?? true;
}

/**
 * A declaration file (a Python stub `.pyi`, a TypeScript `.d.ts`): it holds signatures and no code that runs,
 * so none of its calls happens and no parameter of its functions reaches anything.
 */
export function isDeclarationFile(path: string): boolean {
  return /\.pyi$|\.d\.[cm]?ts$/i.test(path);
}

/** Whether a file of this language with no TLS word may call another file's function (`callTokens`, then the screen). */
export function callScreen(language: LanguageId, text: string): boolean {
  const l = LANGUAGES[language];
  return !!l && l.tokens.some((t) => text.includes(t)) && (l.screen?.(text) ?? true);
}

/** The text of the module-level function a probe names, or undefined (then nothing can reach a sink). */
export function probedFunctionText(file: SourceFile, probe: Probe): string | undefined {
  const language = LANGUAGES[file.language];
  const root = file.tree?.rootNode;
  if (!language || !root) return undefined;
  return file.memo(`calls.function:${probe.function}`, () => language.functions(file).get(probe.function)?.text);
}

/**
 * The text after a detector message's last `: ` outside code spans (what happens: "the server's certificate
 * is not verified."; not the rest of `` `minVersion: 'TLSv1'` ``).
 */
function consequence(message: string): string {
  let last = -1;
  let inCode = false;
  for (let i = 0; i < message.length - 1; i++) {
    if (message[i] === '`') inCode = !inCode;
    else if (!inCode && message[i] === ':' && message[i + 1] === ' ') last = i;
  }
  return last >= 0 ? message.slice(last + 2) : message;
}

/** How many distinct probes of other files' functions one lint asks the index for. */
const MAX_FOREIGN_PROBES = 16;

/** Reports at call sites, grouped by the detector whose sink the argument reaches. */
export function callSiteReports(
  file: SourceFile & { ownSinks(probe: Probe): SinkHit[]; mayReachSink(text: string): boolean },
  detectorOf: (id: string) => Detector | undefined,
): Map<Detector, Report[]> {
  const out = new Map<Detector, Report[]>();
  const language = LANGUAGES[file.language];
  const view = file.workspace;
  if (!language || !view || !file.tree || isDeclarationFile(file.path)) return out;
  // Each probe of another file's function lints that file: a file with hundreds of such calls (a test
  // module calling its package's helpers) asks for the first few distinct ones only.
  const asked = new Set<string>();
  for (const site of language.sites(file, view, (text) => file.mayReachSink(text))) {
    let hits: SinkHit[];
    if (site.summary) {
      const key = `${site.summary.path}\0${probeKey(site.probe)}`;
      if (!asked.has(key) && asked.size >= MAX_FOREIGN_PROBES) continue;
      asked.add(key);
      hits = view.sinks(site.summary, site.probe);
    } else hits = file.ownSinks(site.probe);
    for (const hit of hits) {
      const detector = detectorOf(hit.detector);
      if (!detector) continue;
      // The file by its name (the related location has its path, as each host shows paths).
      const where = site.summary
        ? `${site.summary.path.slice(site.summary.path.lastIndexOf('/') + 1)} line ${hit.at.line + 1}`
        : `line ${hit.at.line + 1}`;
      const related = relatedAt(
        site.summary?.path,
        hit.at,
        `\`${hit.param}\` of \`${site.shownFunction ?? site.probe.function}\` reaches \`${hit.text}\` here`,
      );
      const report: Report = {
        node: site.node,
        message: `\`${site.callee}\` is called with \`${site.shown}\`${site.probe.param ? '' : ` for \`${hit.param}\``}, which reaches \`${hit.text}\` (${where}): ${consequence(hit.message)}`,
        related: [related],
      };
      const list = out.get(detector) ?? [];
      list.push(report);
      out.set(detector, list);
    }
  }
  return out;
}
