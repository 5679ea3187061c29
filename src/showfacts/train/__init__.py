"""Training the extraction models from annotated text.

Not needed to run showfacts: the trained weights ship in ``showfacts/extract/models`` as
JSON. This package rebuilds them (``python -m showfacts.train``, needs the ``train`` extra)
from the annotated sets: our real pages (``eval/real``, texts fetched into the cache), the
shared real and development sets where ``../shared`` is present, and the fixture articles.
"""
