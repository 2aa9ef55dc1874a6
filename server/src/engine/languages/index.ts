// Which language a file is, which grammar parses it and how its comments are written.
import type { LanguageId } from '../types';

import GRAMMAR_FILES from '../grammars.json';

/** The tree-sitter grammars the engine can use; the host loads their .wasm files (grammars.json is shared with the build). */
export const GRAMMARS = GRAMMAR_FILES;
export type GrammarName = keyof typeof GRAMMARS;

export interface LanguageInfo {
  id: LanguageId;
  /** The grammar that parses it; undefined for formats read by a tokenizer of our own. */
  grammar: GrammarName | undefined;
  /** The line-comment leader used for suppression comments; '' for formats without comments (JSON). */
  lineComment: string;
  /** Block comment delimiters, for languages without a line comment (none today). */
  blockComment?: [string, string];
  /** VS Code language ids that map to it. */
  vscodeIds: string[];
  /** File name endings (lower-case, with the dot) and exact base names. */
  extensions: string[];
  fileNames: string[];
}

export const LANGUAGES: Record<LanguageId, LanguageInfo> = {
  python: {
    id: 'python',
    grammar: 'python',
    lineComment: '#',
    vscodeIds: ['python'],
    extensions: ['.py', '.pyw', '.pyi'],
    fileNames: [],
  },
  javascript: {
    id: 'javascript',
    grammar: 'javascript',
    lineComment: '//',
    vscodeIds: ['javascript', 'javascriptreact'],
    extensions: ['.js', '.mjs', '.cjs', '.jsx'],
    fileNames: [],
  },
  typescript: {
    id: 'typescript',
    grammar: 'typescript',
    lineComment: '//',
    vscodeIds: ['typescript'],
    extensions: ['.ts', '.mts', '.cts'],
    fileNames: [],
  },
  tsx: {
    id: 'tsx',
    grammar: 'tsx',
    lineComment: '//',
    vscodeIds: ['typescriptreact'],
    extensions: ['.tsx'],
    fileNames: [],
  },
  go: { id: 'go', grammar: 'go', lineComment: '//', vscodeIds: ['go'], extensions: ['.go'], fileNames: [] },
  gomod: {
    id: 'gomod',
    grammar: undefined,
    lineComment: '//',
    vscodeIds: ['go.mod'],
    extensions: [],
    fileNames: ['go.mod'],
  },
  java: { id: 'java', grammar: 'java', lineComment: '//', vscodeIds: ['java'], extensions: ['.java'], fileNames: [] },
  kotlin: {
    id: 'kotlin',
    grammar: 'kotlin',
    lineComment: '//',
    vscodeIds: ['kotlin'],
    extensions: ['.kt', '.kts'],
    fileNames: [],
  },
  csharp: {
    id: 'csharp',
    grammar: 'c_sharp',
    lineComment: '//',
    vscodeIds: ['csharp'],
    extensions: ['.cs'],
    fileNames: [],
  },
  c: { id: 'c', grammar: 'c', lineComment: '//', vscodeIds: ['c'], extensions: ['.c', '.h'], fileNames: [] },
  cpp: {
    id: 'cpp',
    grammar: 'cpp',
    lineComment: '//',
    vscodeIds: ['cpp'],
    extensions: ['.cc', '.cpp', '.cxx', '.c++', '.hpp', '.hh', '.hxx', '.ipp'],
    fileNames: [],
  },
  ruby: {
    id: 'ruby',
    grammar: 'ruby',
    lineComment: '#',
    vscodeIds: ['ruby'],
    extensions: ['.rb', '.rake', '.gemspec'],
    fileNames: ['Gemfile', 'Rakefile'],
  },
  php: {
    id: 'php',
    grammar: 'php',
    lineComment: '//',
    vscodeIds: ['php'],
    extensions: ['.php', '.phtml'],
    fileNames: [],
  },
  rust: { id: 'rust', grammar: 'rust', lineComment: '//', vscodeIds: ['rust'], extensions: ['.rs'], fileNames: [] },
  shell: {
    id: 'shell',
    grammar: 'bash',
    lineComment: '#',
    vscodeIds: ['shellscript'],
    extensions: ['.sh', '.bash', '.zsh', '.ksh'],
    fileNames: ['.bashrc', '.profile', '.zshrc'],
  },
  dockerfile: {
    id: 'dockerfile',
    grammar: 'bash',
    lineComment: '#',
    vscodeIds: ['dockerfile'],
    extensions: ['.dockerfile'],
    fileNames: ['Dockerfile', 'Containerfile'],
  },
  yaml: {
    id: 'yaml',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: ['yaml', 'github-actions-workflow'],
    extensions: ['.yml', '.yaml'],
    fileNames: ['kubeconfig'],
  },
  dotenv: {
    id: 'dotenv',
    grammar: 'bash',
    lineComment: '#',
    vscodeIds: ['dotenv', 'properties'],
    extensions: ['.env'],
    fileNames: ['.env'],
  },
  nginx: {
    id: 'nginx',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: ['nginx'],
    extensions: [],
    fileNames: ['nginx.conf'],
  },
  apache: {
    id: 'apache',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: ['apacheconf'],
    extensions: ['.htaccess'],
    fileNames: ['httpd.conf', 'apache2.conf', 'ssl.conf', '.htaccess'],
  },
  'pip-requirements': {
    id: 'pip-requirements',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: ['pip-requirements'],
    extensions: [],
    fileNames: ['requirements.txt', 'constraints.txt'],
  },
  'pipfile-lock': {
    id: 'pipfile-lock',
    grammar: undefined,
    lineComment: '',
    vscodeIds: [],
    extensions: [],
    fileNames: ['Pipfile.lock'],
  },
  'poetry-lock': {
    id: 'poetry-lock',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['poetry.lock'],
  },
  'uv-lock': {
    id: 'uv-lock',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['uv.lock'],
  },
  pyproject: {
    id: 'pyproject',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['pyproject.toml'],
  },
  'npm-lock': {
    id: 'npm-lock',
    grammar: undefined,
    lineComment: '',
    vscodeIds: [],
    extensions: [],
    fileNames: ['package-lock.json', 'npm-shrinkwrap.json'],
  },
  'yarn-lock': {
    id: 'yarn-lock',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['yarn.lock'],
  },
  'pnpm-lock': {
    id: 'pnpm-lock',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['pnpm-lock.yaml'],
  },
  'package-json': {
    id: 'package-json',
    grammar: undefined,
    lineComment: '',
    vscodeIds: [],
    extensions: [],
    fileNames: ['package.json'],
  },
  nvmrc: {
    id: 'nvmrc',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: ['.nvmrc'],
    fileNames: ['.nvmrc', '.node-version'],
  },
  'cargo-lock': {
    id: 'cargo-lock',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['Cargo.lock'],
  },
  'maven-pom': {
    id: 'maven-pom',
    grammar: undefined,
    lineComment: '',
    vscodeIds: [],
    extensions: [],
    fileNames: ['pom.xml'],
  },
  'gradle-lockfile': {
    id: 'gradle-lockfile',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: [],
    extensions: [],
    fileNames: ['gradle.lockfile', 'buildscript-gradle.lockfile'],
  },
  haproxy: {
    id: 'haproxy',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: ['haproxy'],
    extensions: [],
    fileNames: ['haproxy.cfg'],
  },
  // .NET configuration (`appsettings.json`, `appsettings.Production.json`, Ocelot's `ocelot.json`) and VS Code settings
  // (`.vscode/settings.json`, `*.code-workspace`, a dev container's `customizations.vscode.settings`):
  // jsonc (comments and trailing commas allowed). No VS Code
  // language id: `json`/`jsonc` cover every JSON file (lock files, data), so the path decides.
  'json-config': {
    id: 'json-config',
    grammar: undefined,
    lineComment: '//',
    vscodeIds: [],
    extensions: ['.code-workspace'],
    fileNames: ['appsettings.json', 'ocelot.json', 'devcontainer.json', '.devcontainer.json'],
  },
  // Java `.properties` files: Spring Boot's `application*.properties`, Kafka's `server.properties`,
  // `producer.properties`, `client-ssl.properties`. Read line by line (engine/languages/properties). VS Code's
  // `properties` id also names `.conf`/`.cfg`/`.env`-like files, which stay .env files unless the path says `.properties`.
  properties: {
    id: 'properties',
    grammar: undefined,
    lineComment: '#',
    vscodeIds: ['java-properties'],
    extensions: ['.properties'],
    fileNames: [],
  },
};

/** The grammars linting a file of this language may use: its own, and bash for YAML's `run:` blocks. */
export function grammarsOf(language: LanguageId | undefined): GrammarName[] {
  if (!language) return [];
  if (language === 'yaml') return ['bash'];
  const own = LANGUAGES[language].grammar;
  return own ? [own] : [];
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/**
 * The language of a file, from the editor's language id when one is given, else from its path.
 * nginx and Apache files have no built-in VS Code language id, so their paths decide.
 */
export function languageOf(path: string, vscodeLanguageId?: string, text?: string): LanguageId | undefined {
  const byPath = pathLanguage(path);
  if (byPath) return byPath;
  // A server configuration outside the recognised paths (`deploy/site.conf`, `nginx.conf.j2`): its
  // content decides, before an editor's generic id (VS Code calls `.conf` files "properties").
  if (text !== undefined && isConfCandidate(path)) {
    const sniffed = sniffServerConf(text);
    if (sniffed) return sniffed;
  }
  if (vscodeLanguageId) {
    for (const info of Object.values(LANGUAGES)) {
      if (info.vscodeIds.includes(vscodeLanguageId)) return info.id;
    }
  }
  return extensionLanguage(path);
}

/**
 * Template and sample suffixes a server configuration is shipped with (`nginx.conf.j2`,
 * `httpd-ssl.conf.template`, `default.conf.erb`, `site.conf.sample`).
 */
const CONF_TEMPLATE = /\.(j2|jinja2?|tmpl|tpl|template|erb|in|example|sample|dist|default|orig|bak)$/i;

/**
 * Files that may be an nginx or Apache configuration by their name alone, when their path says no more:
 * `*.conf` and `*.vhost`, also with a template suffix, and a name without an extension in an `nginx/`,
 * `apache/` or `httpd/` folder (the site files `lib/support/nginx/gitlab-ssl` ships). Their content
 * decides (`sniffServerConf`).
 */
export function isConfCandidate(path: string): boolean {
  const name = baseName(path).replace(CONF_TEMPLATE, '');
  return (
    /\.(conf|vhost)$/i.test(name) ||
    /^(nginx|httpd|apache2?)\.conf/i.test(baseName(path)) ||
    (!name.includes('.') && name.length > 0 && /(^|[/\\])(nginx|apache2?|httpd)[/\\][^/\\]+$/i.test(path))
  );
}

/**
 * nginx or Apache, from a configuration's text: an nginx block (`server {`, `http {`, `location / {`) or
 * an nginx `ssl_*` directive ending in `;`; an Apache `<VirtualHost>` or `SSL*` directive. Other
 * `.conf` files (sysctl, supervisord, fluentd, logrotate, redis, stunnel, lighttpd) have neither.
 * Decides on the first 64 KB; undefined when neither or both kinds are seen.
 */
export function sniffServerConf(text: string): 'nginx' | 'apache' | undefined {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const nginx =
    /^[ \t]*(server|http|upstream|events|stream|location[ \t]+[^{\n;]*)[ \t]*\{/m.test(head) ||
    /^[ \t]*ssl_(protocols|ciphers|certificate|certificate_key|prefer_server_ciphers|session_\w+|verify_client|trusted_certificate|stapling)[ \t]+[^;\n]*;/m.test(
      head,
    ) ||
    /^[ \t]*proxy_ssl_(verify|protocols|ciphers|trusted_certificate)[ \t]+[^;\n]*;/m.test(head);
  const apache =
    /^[ \t]*<(VirtualHost|IfModule[ \t]+(mod_)?ssl)\b/im.test(head) ||
    /^[ \t]*SSL(Engine|Protocol|CipherSuite|CertificateFile|CertificateKeyFile|ProxyEngine|ProxyVerify|ProxyProtocol|ProxyCheckPeerName|HonorCipherOrder)[ \t]+\S/m.test(
      head,
    );
  if (nginx === apache) return undefined;
  return nginx ? 'nginx' : 'apache';
}

/** The language a path alone decides: names, special folders, and (without a template suffix) server configurations. */
function pathLanguage(path: string): LanguageId | undefined {
  const own = namedLanguage(path);
  if (own) return own;
  // `nginx.conf.j2`, `conf/httpd-ssl.conf.template`: the configuration the template renders.
  if (CONF_TEMPLATE.test(path)) {
    const bare = path.replace(CONF_TEMPLATE, '');
    const rendered = namedLanguage(bare);
    if (rendered === 'nginx' || rendered === 'apache' || rendered === 'haproxy') return rendered;
    // `nginx.tmpl` (docker-gen, nginx-proxy), `haproxy.j2`: a template named after the server it configures.
    const server = /^(nginx|httpd|apache2?|haproxy)$/i.exec(baseName(bare))?.[1].toLowerCase();
    if (server) return server === 'nginx' || server === 'haproxy' ? server : 'apache';
  }
  return undefined;
}

function namedLanguage(path: string): LanguageId | undefined {
  const name = baseName(path);
  const lower = name.toLowerCase();
  const norm = path.replace(/\\/g, '/').toLowerCase();
  // Names first: they are the most specific (Dockerfile.dev, nginx/sites-enabled/default).
  for (const info of Object.values(LANGUAGES)) {
    if (info.fileNames.some((f) => f.toLowerCase() === lower)) return info.id;
  }
  if (/^(requirements|constraints)([-_.][\w.-]*)?\.(txt|in)$/i.test(name)) return 'pip-requirements';
  if (/^(docker|container)file(\..+)?$/i.test(name) || lower.endsWith('.dockerfile')) return 'dockerfile';
  if (/^\.env(\..+)?$/i.test(name) && !lower.endsWith('.py')) return 'dotenv';
  if (
    /(^|\/)nginx\/.*(\.conf|sites-(available|enabled)\/[^/]+)$/.test(norm) ||
    lower.endsWith('.nginx') ||
    /(^|[./-])nginx[^/]*\.conf$/.test(lower)
  )
    return 'nginx';
  if (
    /(^|\/)(apache2?|httpd)\/.*\.conf$/.test(norm) ||
    /(^|\/)(apache2?|httpd)\/(sites|conf)-(available|enabled)\/[^/]+$/.test(norm)
  )
    return 'apache';
  if (/(^|\/)haproxy\/.*\.cfg$/.test(norm)) return 'haproxy';
  if (/(^|\/)\.kube\/config$/.test(norm)) return 'yaml';
  // Before the editor's generic `properties` id, which .env files share.
  if (lower.endsWith('.properties')) return 'properties';
  // `appsettings.Development.json`: the .NET per-environment convention; VS Code's workspace settings.
  // Ocelot's gateway configuration (`ocelot.json`, `ocelot.Production.json`), merged the same way.
  if (/^(appsettings|ocelot)\.[\w-]+\.json$/.test(lower) || /(^|\/)\.vscode\/settings\.json$/.test(norm))
    return 'json-config';
  return undefined;
}

function extensionLanguage(path: string): LanguageId | undefined {
  const lower = baseName(path).toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot > 0 || (dot === 0 && lower.length > 1)) {
    const ext = lower.slice(dot);
    for (const info of Object.values(LANGUAGES)) {
      if (info.extensions.includes(ext)) return info.id;
    }
  }
  return undefined;
}

/** Test code, by the conventions in interfaces.md (`test_*.py`, `*_test.go`, `*.spec.ts`, test folders). */
export function isTestFile(path: string): boolean {
  const norm = '/' + path.replace(/\\/g, '/');
  const name = baseName(norm);
  return (
    /\/(test|tests|__tests__|testdata)\//.test(norm) ||
    /\/[\w.-]+\.Tests?\//.test(norm) ||
    /^test_.*\.py$/.test(name) ||
    /_test\.(py|go)$/.test(name) ||
    /\.(spec|test)\.[cm]?[jt]sx?$/.test(name) ||
    /(Test|Tests)\.(java|kt|cs|php)$/.test(name) ||
    /_spec\.rb$/.test(name)
  );
}

/** Configuration-file languages: their files are data that code reads, not code that runs. */
const DATA_LANGUAGES: ReadonlySet<LanguageId> = new Set<LanguageId>([
  'yaml',
  'nginx',
  'apache',
  'haproxy',
  'dotenv',
  'json-config',
  'properties',
]);

/**
 * A test input: a configuration file under a `testdata/` folder (Go's convention for the data a test reads,
 * e.g. `config/testdata/tls_config.insecure.good.yml` that a parser's test loads and compares). It configures
 * no connection, so nothing in it is reported, whatever `testFiles` says.
 */
export function isTestInput(path: string, language: LanguageId): boolean {
  return DATA_LANGUAGES.has(language) && /\/testdata\//.test('/' + path.replace(/\\/g, '/'));
}

/** The Markdown code-fence language of each engine language (hover examples and rule pages). */
export const CODE_FENCE: Partial<Record<LanguageId, string>> = {
  python: 'python',
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'tsx',
  go: 'go',
  gomod: 'go',
  java: 'java',
  kotlin: 'kotlin',
  csharp: 'csharp',
  c: 'c',
  cpp: 'cpp',
  ruby: 'ruby',
  php: 'php',
  rust: 'rust',
  shell: 'bash',
  dockerfile: 'dockerfile',
  yaml: 'yaml',
  dotenv: 'sh',
  nginx: 'nginx',
  apache: 'apache',
  haproxy: 'text',
  'json-config': 'jsonc',
  properties: 'properties',
};
