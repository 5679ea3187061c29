"""Scaling out: parallel extraction on one machine, and the Spark job for clusters.

Both call the same per-article function, :func:`showfacts.extract.extract`.
"""
