'use strict';
// Manifests are read with the shared parser of Python literals (what
// ast.literal_eval accepts, as load_manifest() in odoo/modules/module.py uses
// it), so the stand-in and the agent agree on what Odoo can load. In a
// checkout this file loads protocol/'s compiled, dependency-free module; in
// the image build.sh puts that module here in its place.
module.exports = require('../../../protocol/out/src/manifest/manifest.js');
