"""Segmentation: sentences and tokens with character offsets, per language, and the spaCy ``Doc``
built from them (the annotation container every tagger writes into).

- Vietnamese: sentences from underthesea; tokens are syllables and punctuation, and underthesea's
  word segmentation is added as the ``words`` span group for the sentences that need it.
- Chinese: sentences split on 。！？; tokens are single Han characters (so matching never depends on a
  word segmenter's dictionary) plus Latin/digit runs; jieba's words become the ``words`` span group.
- English: spaCy's English tokenizer.
"""

from .doc import build_doc, get_vocab
from .sentences import split_sentences
from .tokens import tokenize

__all__ = ["build_doc", "get_vocab", "split_sentences", "tokenize"]
