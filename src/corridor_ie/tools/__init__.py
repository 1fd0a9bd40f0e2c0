"""Tools that read the extractor's outputs and data back: for analysts (``consolidate``, ``diff``) and for
annotators (``evaluate`` against the gold in ``annotations``, ``show``, ``gazetteer`` editing, validating
and suggesting).

The extraction core never imports this package. Tools reach the core only through ``corridor_ie.api``
(anything a stage does) and its data types: ``records``, ``types``, ``errors``, ``config``, ``output``,
``gazetteer.model``, ``gazetteer.store``, ``normalise``, ``ingest.readers`` and the package's
``SCHEMA_VERSION`` / ``KNOWN_SCHEMA_VERSIONS``. Record identity (when two records are the same
conference edition, official or commitment) is defined once, in ``identity``.
"""
