'use strict';
// Manifests are read with the agent's parser of Python literals (what
// ast.literal_eval accepts, as load_manifest() in odoo/modules/module.py uses
// it), so the stand-in and the agent agree on what Odoo can load. In a
// checkout this file loads the agent's compiled, dependency-free module; in
// the image build.sh puts that module here in its place.
module.exports = require('../../../agent/out/src/services/apps/manifest/manifest.js');
