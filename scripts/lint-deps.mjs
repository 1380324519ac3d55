/**
 * `npm run lint:deps`: dependency-cruiser's rules (.dependency-cruiser.cjs), then the one check its rules
 * cannot express: no cycle between domain modules. Its folder scope compares folders, so absences →
 * guardians together with guardians → absences/commands was no cycle to it (absences/commands is a
 * folder of its own), and no rule can collapse a module's sub-folders into the module. Here every file
 * under src/server/modules/<name>/ counts as module <name>; every other file stays itself, so a cycle
 * through shared code counts too (a module → src/server/x.ts → the same module included). Cycles
 * among shared files alone are not this check's business.
 *
 * Usage: depcruise src --config .dependency-cruiser.cjs -T json | node scripts/lint-deps.mjs
 */
import { styleText } from 'node:util';
import { format } from 'dependency-cruiser';

const MODULE = /^src\/server\/modules\/([^/]+)\//;
const moduleNames = new Set();
const nodeOf = (file) => {
  const name = MODULE.exec(file)?.[1];
  if (name === undefined) return file;
  moduleNames.add(name);
  return name;
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = Buffer.concat(chunks).toString('utf8');
if (input.trim() === '') {
  console.error('lint:deps: dependency-cruiser gave no result (see its message above)');
  process.exit(2);
}
const result = JSON.parse(input);

const report = await format(result, { outputType: 'err' });
process.stdout.write(report.output);

// The collapsed graph: node → (node → one import that makes the edge, to name in the message).
const edges = new Map();
for (const { source, dependencies } of result.modules) {
  const from = nodeOf(source);
  if (!edges.has(from)) edges.set(from, new Map());
  for (const { resolved } of dependencies) {
    const to = nodeOf(resolved);
    if (to !== from && !edges.get(from).has(to)) edges.get(from).set(to, `${source} → ${resolved}`);
  }
}

/** Tarjan's strongly connected components: every cycle lies inside one. */
function components() {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) === index.get(node)) {
      const component = new Set();
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.add(member);
      } while (member !== node);
      found.push(component);
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** The shortest way from `start` back to itself inside the component (breadth first). */
function shortestCycle(start, component) {
  const previous = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!component.has(next) || previous.has(next)) continue;
      previous.set(next, node);
      if (next === start) {
        const path = [start];
        for (let at = previous.get(start); at !== start; at = previous.get(at)) path.unshift(at);
        return [start, ...path];
      }
      queue.push(next);
    }
  }
  return [start];
}

const modulesIn = (component) => [...component].filter((node) => moduleNames.has(node)).sort();
const cycles = components()
  .filter((component) => component.size > 1 && modulesIn(component).length > 0)
  .map((component) => shortestCycle(modulesIn(component)[0], component));

for (const cycle of cycles) {
  const hops = cycle.slice(1).map((to, i) => edges.get(cycle[i]).get(to));
  console.log(`  ${styleText('red', 'error')} no-module-cycles (modules): ${styleText('bold', cycle.join(' → '))}`);
  for (const hop of hops) console.log(`      ${hop}`);
}
if (cycles.length > 0) {
  console.log(
    styleText('red', `\nx ${cycles.length} ${cycles.length === 1 ? 'cycle' : 'cycles'} between modules (errors).\n`),
  );
}
process.exitCode = report.exitCode > 0 || cycles.length > 0 ? 1 : 0;
