import { dirname, join, normalize } from 'node:path';
import { parseSync } from 'vite';

/**
 * The layers of CoSite and the imports between them that break them. Paths are relative to the repository root with
 * forward slashes. A relative import is resolved against its file, so `../server/x` means src/app/server/x from
 * src/app/panels and src/server/x from src/app (which a pattern on the import's text cannot tell apart). Imports of
 * npm packages and node built-ins are not layer crossings.
 */

/** One module reference in a source file: an import, a re-export, a dynamic import() or a `new URL(.., import.meta.url)`. */
export interface ModuleReference {
  specifier: string;
  /** `import type`, `export type`, every named binding marked `type`, or an `import('..')` type: erased at build. */
  typeOnly: boolean;
  line: number;
}

export interface LayerViolation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/**
 * The server's API types: the files whose types describe what the server answers. The app may import these files'
 * types (`import type`), never their values and never any other file of src/server.
 */
export const SERVER_API_TYPE_FILES: readonly string[] = [
  'src/server/auth/sessionUser.ts',
  'src/server/domain/colocationRequestStateMachine.ts',
  'src/server/domain/planDocument.ts',
  'src/server/routes/schemas.ts',
];

export function moduleReferences(fileName: string, text: string): ModuleReference[] {
  const { program, errors } = parseSync(fileName, text);
  if (errors.length > 0) throw new Error(`${fileName}: ${errors[0].message}`);
  const references: ModuleReference[] = [];
  const add = (node: AstNode, specifier: unknown, typeOnly: boolean) => {
    if (!isStringLiteral(specifier)) return;
    references.push({ specifier: specifier.value, typeOnly, line: lineOf(text, node.start) });
  };
  const visit = (node: AstNode) => {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) add(node, node.source, isTypeOnlyDeclaration(node));
        break;
      case 'TSImportEqualsDeclaration':
        add(node, node.moduleReference?.expression, node.importKind === 'type');
        break;
      case 'TSImportType': // type X = import('./x').X
        add(node, node.source ?? node.argument?.literal, true);
        break;
      case 'ImportExpression':
        add(node, node.source, false);
        break;
      case 'NewExpression': // new URL('./analysis.worker.ts', import.meta.url): an entry or an asset the bundler follows
        if (isImportMetaUrl(node)) add(node, node.arguments?.[0], false);
        break;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const child of value) if (isNode(child)) visit(child);
      if (isNode(value)) visit(value);
    }
  };
  visit(program as unknown as AstNode);
  return references;
}

/** The rule a reference from `file` breaks, or null. `file` is relative to the repository root. */
export function layerRuleBroken(file: string, reference: ModuleReference): string | null {
  const target = resolveReference(file, reference.specifier);
  if (target === null) return null;
  const inside = (folder: string) => target === folder || target.startsWith(`${folder}/`);
  if (file.startsWith('src/core/') && !inside('src/core')) {
    return 'src/core imports nothing outside src/core (npm packages and node built-ins only)';
  }
  if (file.startsWith('workers/') && inside('src/app')) return 'workers/ do not import src/app';
  if (file.startsWith('src/cli/') && inside('src/app')) return 'src/cli does not import src/app';
  if (file.startsWith('src/server/') && inside('src/app')) return 'src/server does not import src/app';
  if (file.startsWith('src/app/')) {
    if (inside('src/cli')) return 'src/app does not import src/cli';
    if (inside('src/server')) {
      const apiTypes = SERVER_API_TYPE_FILES.some((apiFile) => withoutExtension(apiFile) === withoutExtension(target));
      if (!apiTypes || !reference.typeOnly) {
        return `src/app imports from src/server only types, and only from ${SERVER_API_TYPE_FILES.join(', ')}`;
      }
    }
  }
  return null;
}

/** Every layer violation in the given files (path relative to the root and text). */
export function checkLayers(files: ReadonlyArray<{ file: string; text: string }>): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const { file, text } of files) {
    for (const reference of moduleReferences(file, text)) {
      const rule = layerRuleBroken(file, reference);
      if (rule) violations.push({ file, line: reference.line, specifier: reference.specifier, rule });
    }
  }
  return violations;
}

/** The repository path a relative specifier names (query such as `?url` dropped), or null for a package. */
function resolveReference(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return null;
  const path = specifier.replace(/[?#].*$/, '');
  const resolved = normalize(path.startsWith('/') ? path.slice(1) : join(dirname(file), path)).replaceAll('\\', '/');
  return resolved.replace(/\/$/, '');
}

function withoutExtension(path: string): string {
  return path.replace(/\.(ts|tsx|js|mjs)$/, '');
}

/** The parts of oxc's ESTree nodes (with TypeScript's) that the checker reads. */
interface AstNode {
  type: string;
  start: number;
  source?: AstNode | null;
  importKind?: 'type' | 'value';
  exportKind?: 'type' | 'value';
  specifiers?: AstNode[];
  moduleReference?: { expression?: AstNode };
  argument?: { literal?: AstNode };
  arguments?: AstNode[];
  callee?: AstNode;
  object?: AstNode;
  property?: AstNode;
  meta?: AstNode;
  name?: string;
  value?: unknown;
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).type === 'string';
}

function isStringLiteral(value: unknown): value is AstNode & { value: string } {
  return isNode(value) && value.type === 'Literal' && typeof value.value === 'string';
}

/** `import type`/`export type`, or every named binding marked `type` (`import { type A, type B }`). */
function isTypeOnlyDeclaration(node: AstNode): boolean {
  const kind = node.importKind ?? node.exportKind;
  if (kind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return (
    specifiers.length > 0 && specifiers.every((specifier) => (specifier.importKind ?? specifier.exportKind) === 'type')
  );
}

function isImportMetaUrl(node: AstNode): boolean {
  const base = node.arguments?.[1];
  return (
    node.callee?.type === 'Identifier' &&
    node.callee.name === 'URL' &&
    base?.type === 'MemberExpression' &&
    base.object?.type === 'MetaProperty' &&
    base.property?.name === 'url'
  );
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
