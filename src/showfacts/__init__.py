"""showfacts: sourced facts about TV series and films from entertainment news.

The data flow, one package per step::

    sources → Article → extract (stages) → ArticleRecord (facts with evidence)
            → store → merge → query → cli / web

Library first: everything the CLI and the web app do is a plain function here.
"""

__version__ = "0.2.7"

from showfacts.article import Article
from showfacts.facts import ArticleRecord, Fact

__all__ = ["Article", "ArticleRecord", "Fact", "__version__"]
