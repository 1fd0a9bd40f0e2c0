"""The Label Studio labeling configuration the exported tasks are made for, and the names both sides use.

The ``Text`` object is named ``text`` (``$text``); the ``Labels`` control ``label`` holds one label per
gold entity label; per-region ``TextArea`` controls ``entity_id`` (gazetteer id, empty when none) and
``entity_value`` (the normalised value: canonical name, ISO date, or ``["vn gate id", "cn gate id"]``
for a pair) show when a region is selected; ``relevant`` (a choice) and ``notes`` (free text) are about
the whole document.

Example:
    >>> "<Label value=\\"PERSON\\"" in labeling_config()
    True
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from ..annotations import LABELS

TEXT, LABEL, ENTITY_ID, ENTITY_VALUE, RELEVANT, NOTES = "text", "label", "entity_id", "entity_value", "relevant", "notes"
ABOUT, NOT_ABOUT = "about the corridor", "not about the corridor"
COLORS = {"PERSON": "#f9c74f", "PLACE": "#90be6d", "BORDER_GATE": "#43aa8b", "BORDER_GATE_PAIR": "#76c7c0",
          "ORG": "#f8961e", "DATE": "#a2d2ff"}


def labeling_config() -> str:
    """The labeling configuration XML (Label Studio: project settings → Labeling Interface → Code)."""
    labels = "\n".join(f"    <Label value={quoteattr(lab)} background={quoteattr(COLORS.get(lab, '#dddddd'))}/>"
                       for lab in LABELS)
    return f"""<View>
  <Header value="$title"/>
  <Text name="{TEXT}" value="$text"/>
  <Labels name="{LABEL}" toName="{TEXT}">
{labels}
  </Labels>
  <View visibleWhen="region-selected">
    <Header value="Gazetteer id of the selected mention (empty when it has none)"/>
    <TextArea name="{ENTITY_ID}" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>
    <Header value="Value: canonical name, ISO date, or [vn gate id, cn gate id] for a pair"/>
    <TextArea name="{ENTITY_VALUE}" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>
  </View>
  <Choices name="{RELEVANT}" toName="{TEXT}" choice="single" showInLine="true">
    <Choice value="{ABOUT}"/>
    <Choice value="{NOT_ABOUT}"/>
  </Choices>
  <TextArea name="{NOTES}" toName="{TEXT}" placeholder="Notes for other annotators" maxSubmissions="1"/>
</View>
"""
