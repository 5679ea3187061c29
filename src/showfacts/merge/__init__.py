"""Merging facts from many articles: entity resolution (names), fusion and conflicts."""
