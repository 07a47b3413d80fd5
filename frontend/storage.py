"""Static files as production serves them: hashed names (cached for a year), gzip/brotli copies."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Also rewrites JavaScript module imports to hashed names, so ``init.js`` imports the same
    hashed GOV.UK Frontend bundle the page preloads and the browser downloads it once."""

    support_js_module_import_aggregation = True
