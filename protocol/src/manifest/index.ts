/**
 * Odoo's `__manifest__.py`, read as Odoo reads it (a Python literal, `ast.literal_eval`): shared by the
 * agent (validate, module versions), the stand-in image and the extension (the manifest lens). Pure
 * TypeScript, no Node types.
 */
export { adaptVersion, ManifestError, readManifest, type Manifest } from './manifest';
export { parsePythonLiteral, PythonLiteralError, type PyDict, type PyValue } from './pythonLiteral';
