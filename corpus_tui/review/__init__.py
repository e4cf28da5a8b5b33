"""Analysis of annotations: matching quotes, scores against gold, agreement, adjudication, stats, validation.

Reads journals and documents through ``core``; never writes anything but the gold journal
(adjudication), and never imports Textual, spaCy or datasets.
"""
