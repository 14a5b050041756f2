"""Where collectstatic puts the site's own files."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed files, with the `import … from "./x.js"` lines of the
    player's ES modules rewritten to the hashed names too: otherwise a module loads its
    neighbours by their plain names, which a deploy can change under a page already open."""

    support_js_module_import_aggregation = True
