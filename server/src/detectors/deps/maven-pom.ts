// pom.xml: `<dependency>` versions (also through `${property}`) of Java TLS libraries.
import { packagesOf } from '../../engine/deps/advisories';
import { pom } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { bumpFix, parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.maven-pom',
  summary: 'pom.xml: `<dependency>` versions (also through `${property}`) of Java TLS libraries.',
  docs: `
    pom.xml: \`<dependency>\` versions (also through \`\${property}\`) of Java TLS libraries.
  `,
  rule: 'outdated-tls-library',
  languages: ['maven-pom'],
  apis: packagesOf('Maven'),
  tokens: packagesOf('Maven'),
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportDependencies(
      'Maven',
      parseManifest(file, () => pom(file.text), []),
      report,
    );
  },
  fix: bumpFix,
  examples: {
    'maven-pom': {
      bad: '<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.bouncycastle</groupId>\n      <artifactId>bcprov-jdk18on</artifactId>\n      <version>1.77</version>\n    </dependency>\n  </dependencies>\n</project>\n',
      good: '<project>\n  <dependencies>\n    <dependency>\n      <groupId>org.bouncycastle</groupId>\n      <artifactId>bcprov-jdk18on</artifactId>\n      <version>1.78.1</version>\n    </dependency>\n  </dependencies>\n</project>\n',
    },
  },
});
