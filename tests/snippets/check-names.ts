// Reads a generated Python or Go program with the language's own parser (Python's ast, Go's
// go/ast) and resolves every name it takes from the SDK against the names the SDK's source
// declares (sdk-names.ts). Names from the standard library are checked by Python itself; Go's are
// left to gofmt's parse.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Sdk, Symbol } from './sdk-names';

const run = promisify(execFile);

/** One step of an expression: a name at its root, `.attr`, a call, or a composite literal. */
export type Step = { name: string } | { attr: string } | { call: [keyword: string, text: string | null][] } | { keys: string[] };

export interface Extracted {
  /** Local name → imported module path, or `module.name` for a Python `from … import`. */
  imports: Record<string, string>;
  /** Every outermost expression that starts at a name. */
  chains: (Step[] | null)[];
  /** Local variable → the expression it was bound to (null: not one that starts at a name). */
  binds: Record<string, Step[] | null>;
  /** Python only: standard-library names that do not exist. */
  missing?: string[];
}

const PYTHON_EXTRACT = String.raw`
import ast, importlib, json, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
out = {"imports": {}, "chains": [], "binds": {}, "missing": []}
def chain(node):
    steps = []
    while True:
        if isinstance(node, ast.Attribute):
            steps.append({"attr": node.attr}); node = node.value
        elif isinstance(node, ast.Call):
            steps.append({"call": [[k.arg, k.value.value if isinstance(k.value, ast.Constant) and isinstance(k.value.value, str) else None] for k in node.keywords]})
            node = node.func
        elif isinstance(node, ast.Name):
            steps.append({"name": node.id}); return steps[::-1]
        else:
            return None
inner = set()
for node in ast.walk(tree):
    if isinstance(node, ast.Attribute): inner.add(id(node.value))
    if isinstance(node, ast.Call): inner.add(id(node.func))
for node in ast.walk(tree):
    if isinstance(node, ast.ImportFrom):
        for a in node.names: out["imports"][a.asname or a.name] = node.module + "." + a.name
    elif isinstance(node, ast.Import):
        for a in node.names: out["imports"][a.asname or a.name] = a.name
    elif isinstance(node, (ast.Attribute, ast.Call)) and id(node) not in inner:
        c = chain(node)
        if c: out["chains"].append(c)
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name): out["binds"][node.targets[0].id] = chain(node.value)
    if isinstance(node, ast.withitem) and isinstance(node.optional_vars, ast.Name): out["binds"][node.optional_vars.id] = chain(node.context_expr)
# The standard library: every imported name, and the first attribute taken from it, must exist.
sdk = sys.argv[2]
for local, path in out["imports"].items():
    if path.split(".")[0] == sdk: continue
    try:
        module = importlib.import_module(path)
    except ImportError:
        parent, _, name = path.rpartition(".")
        module = getattr(importlib.import_module(parent), name, None)
        if module is None: out["missing"].append(path); continue
    for c in out["chains"]:
        if c[0].get("name") == local and len(c) > 1 and "attr" in c[1] and not hasattr(module, c[1]["attr"]):
            out["missing"].append(path + "." + c[1]["attr"])
print(json.dumps(out))
`;

const GO_EXTRACT = String.raw`package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strconv"
)

type step map[string]interface{}

func chain(e ast.Expr) []step {
	var steps []step
	for {
		switch x := e.(type) {
		case *ast.SelectorExpr:
			steps = append(steps, step{"attr": x.Sel.Name})
			e = x.X
		case *ast.CallExpr:
			steps = append(steps, step{"call": [][]interface{}{}})
			e = x.Fun
		case *ast.CompositeLit:
			keys := []string{}
			for _, elt := range x.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						keys = append(keys, id.Name)
					}
				}
			}
			steps = append(steps, step{"keys": keys})
			e = x.Type
		case *ast.Ident:
			steps = append(steps, step{"name": x.Name})
			for i, j := 0, len(steps)-1; i < j; i, j = i+1, j-1 {
				steps[i], steps[j] = steps[j], steps[i]
			}
			return steps
		default:
			return nil
		}
	}
}

func main() {
	file, err := parser.ParseFile(token.NewFileSet(), os.Args[1], nil, 0)
	if err != nil {
		panic(err)
	}
	imports := map[string]string{}
	for _, spec := range file.Imports {
		path, _ := strconv.Unquote(spec.Path.Value)
		name := path[len(path)-len(lastElem(path)):]
		if spec.Name != nil {
			name = spec.Name.Name
		}
		imports[name] = path
	}
	inner := map[ast.Node]bool{}
	ast.Inspect(file, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr:
			inner[x.X] = true
		case *ast.CallExpr:
			inner[x.Fun] = true
		case *ast.CompositeLit:
			if x.Type != nil {
				inner[x.Type] = true
			}
		}
		return true
	})
	chains := [][]step{}
	binds := map[string][]step{}
	ast.Inspect(file, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.SelectorExpr, *ast.CallExpr, *ast.CompositeLit:
			if !inner[n] {
				if c := chain(n.(ast.Expr)); c != nil {
					chains = append(chains, c)
				}
			}
		case *ast.AssignStmt:
			if id, ok := x.Lhs[0].(*ast.Ident); ok && len(x.Rhs) == 1 {
				binds[id.Name] = chain(x.Rhs[0])
			}
		}
		return true
	})
	json.NewEncoder(os.Stdout).Encode(map[string]interface{}{"imports": imports, "chains": chains, "binds": binds})
}

func lastElem(path string) string {
	for i := len(path) - 1; i >= 0; i-- {
		if path[i] == '/' {
			return path[i+1:]
		}
	}
	return path
}
`;

/** Parses `file` with Python's ast; `sdk` is the SDK's top module, whose names are left to `check`. */
export async function extractPython(file: string, sdk: string): Promise<Extracted> {
  return JSON.parse((await run('python3', ['-c', PYTHON_EXTRACT, file, sdk])).stdout) as Extracted;
}

const helpers = new Map<string, Promise<string>>();

/** Parses `file` with Go's go/ast, through a helper built once into `dir` with `go build`. */
export async function extractGo(file: string, dir: string): Promise<Extracted> {
  if (!helpers.has(dir)) {
    const built = (async () => {
      await writeFile(join(dir, 'extract.go'), GO_EXTRACT);
      await run('go', ['build', '-o', join(dir, 'extract'), join(dir, 'extract.go')], { env: { ...process.env, GO111MODULE: 'off' } });
      return join(dir, 'extract');
    })();
    helpers.set(dir, built);
  }
  return JSON.parse((await run(await helpers.get(dir)!, [file])).stdout) as Extracted;
}

/**
 * Every SDK name the program uses, as `path: use`, each resolved through `sdk`; throws on the first
 * name the SDK does not declare. Expressions that leave the SDK (a standard-library call, a plain
 * value) are not followed further.
 */
export function checkNames(found: Extracted, sdk: Sdk, moduleOf: (path: string) => string | undefined): string[] {
  const used: string[] = [];
  const fail = (what: string) => {
    throw new Error(`${what}: not declared by ${sdk.repo}`);
  };
  const type = (name: string | undefined) => (name ? (sdk.types[name] ?? fail(`type ${name}`)) : undefined);
  /** What an import names in the SDK; undefined for an import from elsewhere. */
  const importedSymbol = (imported: string): Symbol | undefined => {
    const module = moduleOf(imported);
    if (!module) return undefined;
    // Python's `from openrouter import OpenRouter` names a member of the module.
    const symbol = imported === module ? sdk.modules[module] : sdk.modules[module]?.members?.[imported.slice(module.length + 1)];
    used.push(imported);
    return symbol ?? fail(imported);
  };
  // Every import from the SDK, whether or not an expression below starts at it.
  for (const imported of Object.values(found.imports)) importedSymbol(imported);
  const resolve = (steps: Step[] | null, seen: string[] = []): Symbol | undefined => {
    const [root, ...rest] = steps ?? [];
    if (!root || !('name' in root)) return undefined;
    let here: Symbol | undefined;
    let path = root.name;
    const imported = found.imports[root.name];
    if (imported !== undefined) {
      here = importedSymbol(imported);
      if (!here) return undefined;
    } else if (found.binds[root.name] && !seen.includes(root.name)) {
      here = resolve(found.binds[root.name]!, [...seen, root.name]);
    }
    for (const step of rest) {
      if (!here) return undefined;
      if ('attr' in step) {
        path += '.' + step.attr;
        // A struct's field (of a variable bound to a composite literal) is a name too.
        const field: Symbol | undefined = here.fields?.includes(step.attr) ? { from: here.from } : undefined;
        here = here.members?.[step.attr] ?? type(here.type)?.members?.[step.attr] ?? field ?? fail(path);
        used.push(path);
      } else if ('call' in step) {
        if (here.kwargs) {
          for (const [keyword, text] of step.call) {
            if (!here.kwargs.includes(keyword)) fail(`${path}(${keyword}=)`);
            used.push(`${path}(${keyword}=)`);
            const allowed = sdk.enums?.[keyword];
            if (allowed && text !== null && !allowed.includes(text)) fail(`${path}(${keyword}=${JSON.stringify(text)})`);
          }
        }
        path += '()';
        here = type(here.returns);
      } else if ('keys' in step) {
        for (const key of step.keys) {
          if (!here.fields?.includes(key)) fail(`${path}{${key}}`);
          used.push(`${path}{${key}}`);
        }
        // The value is of the struct's type: its fields may be set later.
        path += '{}';
      }
    }
    return here;
  };
  for (const steps of found.chains) resolve(steps);
  return used;
}
