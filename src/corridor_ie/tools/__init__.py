"""Tools that read the extractor's outputs and data back, for analysts and for annotators.

- Analysts: ``consolidate`` (one view per conference edition, one chosen value per field, records staged
  in DuckDB), ``diff`` (two editions or years of a series, or two runs), ``timeline`` (a series over
  time, plotted), ``export`` (flat tables in DuckDB, Parquet or CSV); ``series`` finds a series and its
  editions for them.
- Annotators: ``evaluate`` against the gold in ``annotations``, ``show``, ``gazetteer`` (validate, edit,
  suggest).
- Shared: ``read`` (records files back, with a warning on an unknown ``schema_version``), ``identity``
  (when two records are the same conference edition, official or commitment: defined once, used by
  consolidate, diff and evaluate), ``batches`` (Arrow batches for bounded memory).

The extraction core never imports this package. Tools reach the core only through ``corridor_ie.api``
(anything a stage does) and its data types: ``records``, ``types``, ``errors``, ``config``, ``output``,
``gazetteer.model``, ``gazetteer.store``, ``normalise``, ``ingest.readers`` and the package's
``SCHEMA_VERSION`` / ``KNOWN_SCHEMA_VERSIONS``.
"""
