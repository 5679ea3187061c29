"""Bounds on what one input may cost. Article text is untrusted; these keep one bad input cheap."""

MAX_ARTICLE_CHARS = 5_000_000
"""Longest article text accepted (about 5 MB); longer ones are reported and skipped."""

MAX_FILE_BYTES = 50_000_000
"""Largest single HTML page or plain-text file read; larger files are reported and skipped."""

MAX_JSONL_LINE_BYTES = 20_000_000
"""Longest line of a JSONL corpus accepted."""

MIN_ARTICLE_WORDS = 5
"""An HTML page whose main text has fewer words than this has no article (a menu, a login wall)."""
