// Dockerfile `FROM`: a base image whose release line is past its end of life. Distribution
// packages are not judged from upstream data (Debian's openssl 3.0.x carries backports), so
// `apt-get install openssl=...` / `apk add openssl=...` pins are left alone: the image's own
// support is what decides whether its openssl still gets fixes.
import { eolStatus, type EolStatus } from '../../engine/deps/advisories';
import { dockerFrom } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { today } from './support/clock';

/** Official images and how a tag names their release line. */
const IMAGES: Record<
  string,
  { product: string; cycle: (t: string) => string | undefined; extended?: boolean; name: string }
> = {
  debian: { product: 'debian', name: 'Debian', cycle: (t) => /^(\d+|[a-z]+)/.exec(t)?.[1], extended: true },
  ubuntu: { product: 'ubuntu', name: 'Ubuntu', cycle: (t) => /^(\d+\.\d+|[a-z]+)/.exec(t)?.[1] },
  alpine: { product: 'alpine', name: 'Alpine', cycle: (t) => /^(\d+\.\d+)/.exec(t)?.[1] },
  node: { product: 'nodejs', name: 'Node.js', cycle: (t) => /^(\d+)(?:[.-]|$)/.exec(t)?.[1] },
  python: { product: 'python', name: 'Python', cycle: (t) => /^(\d+\.\d+)/.exec(t)?.[1] },
  golang: { product: 'go', name: 'Go', cycle: (t) => /^(\d+\.\d+)/.exec(t)?.[1] },
};

/** The distribution a language image's tag names (`20-bullseye`, `3.11-alpine3.18`). */
function osOf(tag: string): { product: string; cycle: string; name: string; extended?: boolean } | undefined {
  for (const part of tag.split('-').slice(1)) {
    const alpine = /^alpine(\d+\.\d+)$/.exec(part);
    if (alpine) return { product: 'alpine', cycle: alpine[1], name: 'Alpine' };
    if (/^[a-z]+$/.test(part) && eolStatus('debian', part, today()))
      return { product: 'debian', cycle: part, name: 'Debian', extended: true };
  }
  return undefined;
}

function ended(product: string, cycle: string, extended?: boolean): EolStatus | undefined {
  const s = eolStatus(product, cycle, today(), extended);
  return s?.ended ? s : undefined;
}

function label(name: string, s: EolStatus): string {
  const when = s.eolDate ? ` on ${s.eolDate}` : '';
  return `${name} ${s.cycle}${s.codename ? ` (${s.codename})` : ''} reached end of life${when}`;
}

export const detector = defineDetector({
  id: 'deps.docker-base-image',
  summary: 'Dockerfile `FROM`: a base image whose release line is past its end of life.',
  docs: `
    Dockerfile \`FROM\`: a base image whose release line is past its end of life. Distribution packages
    are not judged from upstream data (Debian's openssl 3.0.x carries backports), so \`apt-get install
    openssl=...\` / \`apk add openssl=...\` pins are left alone: the image's own support is what decides
    whether its openssl still gets fixes.
  `,
  rule: 'outdated-tls-library',
  languages: ['dockerfile'],
  apis: Object.keys(IMAGES).map((i) => `FROM ${i}:<tag>`),
  tokens: ['FROM', 'from'],
  fixAvailability: 'none',
  detect(file, report) {
    for (const img of dockerFrom(file.text)) {
      const name = img.image.replace(/^(docker\.io\/)?(library\/)?/, '');
      const known = IMAGES[name];
      if (!known) continue;
      const problems: string[] = [];
      const cycle = known.cycle(img.tag);
      const own = cycle ? ended(known.product, cycle, known.extended) : undefined;
      if (own) problems.push(label(known.name, own));
      const os =
        known.product === 'debian' || known.product === 'alpine' || known.product === 'ubuntu'
          ? undefined
          : osOf(img.tag);
      const osEnded = os ? ended(os.product, os.cycle, os.extended) : undefined;
      if (osEnded && os) problems.push(label(os.name, osEnded));
      if (!problems.length) continue;
      report({
        range: { start: img.start, end: img.end },
        message: `Base image \`${img.image}:${img.tag}\`: ${problems.join('; ')}. Its OpenSSL and TLS stack get no more security fixes; move to a supported release.`,
      });
    }
  },
  examples: {
    dockerfile: {
      bad: 'FROM debian:stretch-slim\nRUN apt-get update\n',
      good: 'FROM debian:trixie-slim\nRUN apt-get update\n',
    },
  },
});
