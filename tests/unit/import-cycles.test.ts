/**
 * The `lib/` folders form layers: no folder may reach, through any chain of imports (type imports and tests
 * included), back to itself. A cycle means two domains that cannot be understood, tested or moved apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const LIB = path.join(ROOT, 'lib');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every module a file names: `import … from`, `export … from`, bare `import '…'` and `import('…')`. */
function specifiersOf(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g))
    found.push(match[1]!);
  for (const match of code.matchAll(/\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) found.push(match[1]!);
  return found;
}

/** The `lib/` folder (its first level) a specifier lands in, or null when it leaves `lib/`. */
function libFolderOf(fromFile: string, specifier: string): string | null {
  let target: string;
  if (specifier.startsWith('@/')) target = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith('.')) target = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const relative = path.relative(LIB, target);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep)[0]!.replace(/\.tsx?$/, '');
}

/** Folder → folder → the files that make that edge. */
function folderGraph(): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(LIB)) {
    const from = path.relative(LIB, file).split(path.sep)[0]!;
    if (!fs.statSync(path.join(LIB, from)).isDirectory()) continue;
    const edges = graph.get(from) ?? new Map<string, string[]>();
    graph.set(from, edges);
    for (const specifier of specifiersOf(fs.readFileSync(file, 'utf8'))) {
      const to = libFolderOf(file, specifier);
      if (to === null || to === from) continue;
      edges.set(to, [...(edges.get(to) ?? []), path.relative(ROOT, file)]);
    }
  }
  return graph;
}

/** Each cycle once, as the folders in order with the first repeated at the end. */
function cyclesIn(graph: ReadonlyMap<string, ReadonlyMap<string, unknown>>): string[][] {
  const cycles = new Map<string, string[]>();
  const walk = (pathSoFar: string[]) => {
    const here = pathSoFar[pathSoFar.length - 1]!;
    for (const next of graph.get(here)?.keys() ?? []) {
      const at = pathSoFar.indexOf(next);
      if (at >= 0) {
        const loop = pathSoFar.slice(at);
        const start = loop.indexOf([...loop].sort()[0]!);
        const canonical = [...loop.slice(start), ...loop.slice(0, start)];
        cycles.set(canonical.join('>'), [...canonical, canonical[0]!]);
      } else walk([...pathSoFar, next]);
    }
  };
  for (const folder of graph.keys()) walk([folder]);
  return [...cycles.values()];
}

describe('lib/ folder imports', () => {
  it('reads every kind of import, type imports included', () => {
    const code = [
      "import { a } from '../mood/emotions';",
      "import type { B } from '@/lib/picks/types';",
      "export { c } from './c';",
      "export type { D } from '../sites/types';",
      "import '../browser/side-effect';",
      "const lazy = import('../reader/late');",
      'import {\n  e,\n  f,\n} from "../catalogue/e";',
    ].join('\n');
    expect(specifiersOf(code).sort()).toEqual(
      [
        '../mood/emotions',
        '@/lib/picks/types',
        './c',
        '../sites/types',
        '../browser/side-effect',
        '../reader/late',
        '../catalogue/e',
      ].sort(),
    );
  });

  it('finds a cycle of two folders and a longer one', () => {
    const graph = new Map([
      ['a', new Map([['b', 1]])],
      [
        'b',
        new Map([
          ['a', 1],
          ['c', 1],
        ]),
      ],
      ['c', new Map([['d', 1]])],
      ['d', new Map([['b', 1]])],
    ]);
    expect(
      cyclesIn(graph)
        .map((cycle) => cycle.join(' → '))
        .sort(),
    ).toEqual(['a → b → a', 'b → c → d → b']);
  });

  it('has no cycle between lib/ folders', () => {
    const graph = folderGraph();
    expect(graph.size).toBeGreaterThanOrEqual(5);
    const described = cyclesIn(graph).map((cycle) =>
      cycle
        .slice(0, -1)
        .map(
          (folder, i) =>
            `${folder} → ${cycle[i + 1]} (${graph
              .get(folder)!
              .get(cycle[i + 1]!)!
              .slice(0, 3)
              .join(', ')})`,
        )
        .join('; '),
    );
    expect(described).toEqual([]);
  });
});
