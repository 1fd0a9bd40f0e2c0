"""Gold annotations made and corrected in Label Studio (no Label Studio code is used or needed here: only
its documented JSON formats).

- ``export``: documents → Label Studio tasks (basic JSON task format): ``data.text`` is the cleaned text
  the pipeline's offsets point into, with the document's source, item, language and date; the pipeline's
  mentions (the gold labels: PERSON, PLACE, BORDER_GATE, BORDER_GATE_PAIR, ORG, DATE) are
  ``predictions`` (pre-annotations), each a ``labels`` region with per-region ``textarea`` results for
  its gazetteer id and value; an existing gold file can come along as an ``annotations`` entry to
  correct. ``config.py`` writes the matching labeling configuration.
- ``gold``: a Label Studio JSON export → the project's gold files (``tools/annotations.py``
  ``GoldDoc``): every region's offsets are checked against the task's text (a Label Studio that counted
  UTF-16 units is recognised and converted), then anchored as ``text`` + occurrence ``n`` and checked
  against the document's current cleaned text; any mismatch is an error naming the task and the region.
"""
