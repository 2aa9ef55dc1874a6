import type { Node } from 'web-tree-sitter';
import {
  flowsInto,
  insecureBooleanMembers,
  memberName,
  removeListItemRange,
  stringValue,
} from '../../engine/languages/javascript';
import { defineDetector } from '../../engine/detector';

const OPTIONS = new Map([
  ['ignoreHTTPSErrors', true],
  ['ignoreHttpsErrors', true],
  ['acceptInsecureCerts', true],
]);
const FLAGS = new Set([
  '--ignore-certificate-errors',
  '--ignore-certificate-errors-spki-list',
  '--allow-insecure-localhost',
]);

type State = { kind: 'value'; value: Node; literal: boolean } | { kind: 'flag'; element: Node };

export const detector = defineDetector<State>({
  id: 'javascript.browser-ignore-https-errors',
  summary: 'Headless-browser and WebDriver options that accept any certificate.',
  docs: `
    Headless-browser and WebDriver options that accept any certificate: Puppeteer/Playwright
    \`ignoreHTTPSErrors: true\`, \`acceptInsecureCerts: true\`, and Chromium's \`--ignore-certificate-errors\` flag.
  `,
  rule: 'cert-verification-disabled',
  languages: ['javascript', 'typescript', 'tsx'],
  apis: [
    'puppeteer.launch',
    'puppeteer.connect',
    'playwright.chromium.launch',
    'browser.newContext',
    'webdriverio.remote',
    'selenium-webdriver.Capabilities',
  ],
  tokens: ['ignoreHTTPSErrors', 'ignoreHttpsErrors', 'acceptInsecureCerts', '--ignore-certificate-errors'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const hit of insecureBooleanMembers(file, OPTIONS)) {
      report({
        node: hit.member,
        message: `${hit.api ? `\`${hit.api}\` option ` : ''}\`${hit.name}: true\` makes the browser accept any certificate.`,
        state: { kind: 'value', value: hit.value, literal: hit.literal },
      });
    }
    // `args: ['--ignore-certificate-errors']` in launch options.
    for (const arr of file.nodes('array')) {
      const pair = arr.parent;
      if (pair?.type !== 'pair' || memberName(pair) !== 'args' || pair.parent?.type !== 'object') continue;
      for (const el of arr.namedChildren) {
        if (!el || el.type === 'comment') continue;
        const s = stringValue(file, el);
        if (s === undefined || !FLAGS.has(s.split('=')[0])) continue;
        const api = flowsInto(file, pair.parent)?.shown;
        report({
          node: el,
          message: `${api ? `\`${api}\` argument ` : ''}\`${s.split('=')[0]}\` makes Chromium accept any certificate.`,
          state: { kind: 'flag', element: el },
        });
      }
    }
  },
  fix(file, r) {
    const s = r.state;
    if (s.kind === 'flag')
      return {
        title: 'Remove the flag',
        safety: 'safe',
        edits: [{ ...removeListItemRange(file, s.element), newText: '' }],
      };
    return {
      title: 'Verify certificates (`false`)',
      safety: s.literal ? 'safe' : 'unsafe',
      edits: [{ start: s.value.startIndex, end: s.value.endIndex, newText: 'false' }],
    };
  },
  examples: {
    javascript: {
      bad: `
        const puppeteer = require('puppeteer');
        const browser = await puppeteer.launch({ ignoreHTTPSErrors: true });
      `,
      good: `
        const puppeteer = require('puppeteer');
        const browser = await puppeteer.launch({ headless: true });
      `,
    },
  },
});
