/**
 * A module's `__manifest__.py`, read as `load_manifest()` in `odoo/modules/module.py` reads it: the file is
 * evaluated with `ast.literal_eval`, laid over Odoo's defaults (`_DEFAULT_MANIFEST`), and its version goes
 * through `adapt_version()`, which refuses a version that is not `x.y`, `x.y.z` or `<series>.x.y[.z]` for an
 * installable module. No imports but the parser: the stand-in Odoo image ships the compiled files.
 */
import { parsePythonLiteral, PythonLiteralError, type PyValue } from './pythonLiteral';

/** What the agent (and the stand-in) use of a manifest. */
export interface Manifest {
  /** `version` as written (Odoo's default `1.0` when absent). */
  version: string;
  depends: string[];
  /** Python truthiness of `installable` (default `True`), as `manifest.get('installable', True)` tests it. */
  installable: boolean;
}

/** Why a manifest cannot be loaded, with the line where it goes wrong (1 when it is the whole file). */
export class ManifestError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'ManifestError';
  }
}

function truthy(value: PyValue | undefined): boolean {
  if (value === undefined) return true;
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Map) return value.size > 0;
  if (typeof value === 'object') return value.bytes.length > 0;
  return true;
}

function stringList(value: PyValue | undefined, key: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string'))
    throw new ManifestError(`'${key}' must be a list of module names`, 1);
  return value;
}

/** Odoo's `adapt_version()`: prefixes the series unless the version already starts with it. */
export function adaptVersion(serie: string, version: string): string {
  return version === serie || !version.startsWith(`${serie}.`) ? `${serie}.${version}` : version;
}

/** `adapt_version()`'s check of the part after the series: `x.y` or `x.y.z`, digits only. */
function isValidBaseVersion(serie: string, version: string): boolean {
  const base = adaptVersion(serie, version).slice(serie.length + 1);
  const parts = base.split('.');
  return (
    parts.length >= 2 &&
    parts.length <= 3 &&
    parts.every((p) => p.length > 0 && [...p].every((c) => c >= '0' && c <= '9'))
  );
}

/** Reads a manifest's text; throws {@link ManifestError} when Odoo could not load it. */
export function readManifest(text: string, serie: string): Manifest {
  let value: PyValue;
  try {
    value = parsePythonLiteral(text);
  } catch (error) {
    if (!(error instanceof PythonLiteralError)) throw error;
    const what =
      error.kind === 'syntax' ? 'SyntaxError' : 'not a Python literal (ast.literal_eval refuses it)';
    throw new ManifestError(`${what}: ${error.message}`, error.line);
  }
  if (!(value instanceof Map)) throw new ManifestError('the manifest is not a dict', 1);
  const version = value.get('version') ?? '1.0';
  if (typeof version !== 'string') throw new ManifestError("'version' must be a string", 1);
  const installable = truthy(value.get('installable'));
  if (installable && !isValidBaseVersion(serie, version))
    throw new ManifestError(
      `invalid version '${version}': Odoo wants x.y, x.y.z, ${serie}.x.y or ${serie}.x.y.z (adapt_version)`,
      1,
    );
  return { version, depends: stringList(value.get('depends'), 'depends'), installable };
}
