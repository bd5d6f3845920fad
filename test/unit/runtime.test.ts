/**
 * One runtime everywhere: the Node and npm that scripts/toolchain.sh pins (and that the tests run
 * on, see test/global-setup.ts) are the ones package.json accepts and the production image uses.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

const toolchain = read('scripts/toolchain.sh');
const pinned = (name: string) => {
  const m = new RegExp(`^${name}=(\\d+)\\.(\\d+)\\.(\\d+)$`, 'm').exec(toolchain);
  if (!m) throw new Error(`scripts/toolchain.sh pins no ${name}`);
  return { text: `${m[1]}.${m[2]}.${m[3]}`, parts: [Number(m[1]), Number(m[2]), Number(m[3])] };
};
const node = pinned('node_version');
const npm = pinned('npm_version');

/** a >= b, both [major, minor, patch]. */
const atLeast = (a: number[], b: number[]): boolean => {
  const i = a.findIndex((n, k) => n !== b[k]);
  return i === -1 || a[i] > b[i];
};

describe('the runtime', () => {
  it('is a Node package.json accepts', () => {
    // engines has the form `>=A.B.C <M`: a floor within one major line.
    const engines: string = JSON.parse(read('package.json')).engines.node;
    const m = /^>=(\d+)\.(\d+)\.(\d+) <(\d+)$/.exec(engines);
    expect(m).not.toBeNull();
    expect(atLeast(node.parts, m!.slice(1, 4).map(Number))).toBe(true);
    expect(node.parts[0]).toBeLessThan(Number(m![4]));
  });

  it('is the Node line and the npm the production image is built with', () => {
    const dockerfile = read('Dockerfile');
    const bases = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]));
    expect(bases.length).toBeGreaterThan(0);
    expect(new Set(bases)).toEqual(new Set([node.parts[0]]));
    expect(dockerfile).toContain(`npm@${npm.text}`);
  });
});
