'use strict';
// Copies a package and its runtime dependency closure out of a node_modules
// tree, resolving each dependency the way Node does (nearest node_modules
// first, walking up), so the image gets exactly what `require('pg')` loads.
// Usage: node collect-deps.js <node_modules dir> <destination node_modules> <package>...
const fs = require('node:fs');
const path = require('node:path');

function resolvePackage(fromDir, name, root) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return null;
  }
}

function collect(nodeModules, names) {
  const root = path.dirname(nodeModules);
  const found = new Map(); // package dir -> true
  const queue = names.map((name) => ({ name, from: root, optional: false }));
  while (queue.length) {
    const { name, from, optional } = queue.shift();
    const dir = resolvePackage(from, name, root);
    if (!dir) {
      if (optional) continue; // optional dependencies may be absent
      throw new Error(`cannot resolve ${name} from ${from}`);
    }
    if (found.has(dir)) continue;
    found.set(dir, true);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies || {}))
      queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies || {}))
      queue.push({ name: dep, from: dir, optional: true });
  }
  return [...found.keys()];
}

function main() {
  const [nodeModules, dest, ...names] = process.argv.slice(2);
  if (!nodeModules || !dest || names.length === 0) {
    process.stderr.write('usage: collect-deps.js <node_modules> <dest> <package>...\n');
    process.exit(2);
  }
  const source = path.resolve(nodeModules);
  for (const dir of collect(source, names)) {
    const target = path.join(dest, path.relative(source, dir));
    // Nested node_modules are copied as packages of their own when needed.
    fs.cpSync(dir, target, {
      recursive: true,
      dereference: true,
      filter: (src) => !path.relative(dir, src).split(path.sep).includes('node_modules'),
    });
    process.stdout.write(`${path.relative(source, dir)}\n`);
  }
}

main();
