// defineDetector: the one way to write a detector, in the shape of typescript-eslint's
// `RuleCreator(...)({ meta, create })`. The generic `State` is what a report hands to the detector's
// fix; the types make `state` required in `report` exactly when a detector declares one, give `fix` the
// typed state, and require a `fix` exactly when `fixAvailability` is not 'none'. The result is the
// engine's plain `Detector`, so registries are lists without casts.
import type { Node } from 'web-tree-sitter';
import { dedent } from './text';
import type {
  Detector,
  DetectorExamples,
  Fix,
  LanguageId,
  Range,
  RelatedLocation,
  Report,
  RuleId,
  SourceFile,
} from './types';

/** No state: the default when a detector declares none (a brand no real state type carries). */
interface NoState {
  readonly 'tlslint/no-state': never;
}

/**
 * What a detector's `detect` reports. `state` is required exactly when the detector declares a State,
 * optional when that State admits `undefined` (reports its fix cannot mend), and absent otherwise.
 */
export type ReportOf<State> = {
  node?: Node;
  range?: Range;
  message: string;
  /** The insecure value is a caller's flag or setting (see `Report.flag`): reported as an opt-in path. */
  flag?: Node | Range | undefined;
  /** Where the insecure behaviour is defined (see `Report.related`). */
  related?: RelatedLocation[] | undefined;
} & ([State] extends [NoState] ? { state?: never } : undefined extends State ? { state?: State } : { state: State });

type FixOf<State> = (file: SourceFile, report: ReportOf<State>) => Fix | Fix[] | undefined;

interface DetectorBase<State> {
  id: string;
  /** One line: what it finds. */
  summary: string;
  /** The longer text (Markdown, a template literal at the object's indentation). */
  docs: string;
  rule: RuleId;
  languages: LanguageId[];
  /** The APIs it looks at, for docs (e.g. `ssl.wrap_socket`). */
  apis: string[];
  /** A cheap pre-filter: the detector runs only when the text contains one of these (empty: always). */
  tokens: string[];
  /** A second pre-filter: when given, the text must also contain one of these. */
  alsoTokens?: string[];
  /** See `Detector.textScreen`. */
  textScreen?: (text: string, language: LanguageId) => boolean;
  /** See `Detector.priority`; default 0. */
  priority?: number;
  detect: (file: SourceFile, report: (r: ReportOf<State>) => void) => void;
  /** Per language, template literals of code; the tests run each. */
  examples: DetectorExamples;
}

/** A detector's definition: a fix exactly when one is available. */
export type DetectorSpec<State> = DetectorBase<State> &
  ({ fixAvailability: 'always' | 'sometimes'; fix: FixOf<State> } | { fixAvailability: 'none'; fix?: never });

/**
 * Defines a detector. Call it as `defineDetector({...})` for a detector whose reports carry no state,
 * or `defineDetector<State>({...})` when its fix needs data found during detection.
 */
export function defineDetector<State = NoState>(spec: DetectorSpec<State>): Detector {
  const { detect, fix } = spec;
  return {
    id: spec.id,
    summary: spec.summary,
    docs: dedent(spec.docs),
    rule: spec.rule,
    languages: spec.languages,
    apis: spec.apis,
    tokens: spec.tokens,
    ...(spec.alsoTokens ? { alsoTokens: spec.alsoTokens } : {}),
    ...(spec.textScreen ? { textScreen: spec.textScreen } : {}),
    fixAvailability: spec.fixAvailability,
    priority: spec.priority ?? 0,
    examples: dedentExamples(spec.examples),
    detect(file, report) {
      detect(file, (r) => {
        const out: Report = { message: r.message };
        if (r.node) out.node = r.node;
        if (r.range) out.range = r.range;
        if (r.flag) out.flag = r.flag;
        if (r.related?.length) out.related = r.related;
        if (fix) out.fix = () => fix(file, r);
        report(out);
      });
    },
  };
}

function dedentExamples(examples: DetectorExamples): DetectorExamples {
  return Object.fromEntries(
    Object.entries(examples).map(([language, e]) => [language, e && { bad: dedent(e.bad), good: dedent(e.good) }]),
  );
}
