"""Annotators' gazetteer tools: ``validate`` (every problem as ``file:line``), ``edit`` (add entries and
aliases safely, search), ``suggest`` (new entries and aliases from a corpus). The gazetteer model and
store the extractor loads stay in :mod:`corridor_ie.gazetteer`."""
