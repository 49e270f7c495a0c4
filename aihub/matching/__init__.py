"""Matching startups' technical problems with partners, experts, mentors and consultants.

The ranking and assignment engine lives in :mod:`aihub.matching.engine` and does not
depend on Django; ``manage.py match`` runs it on JSONL files without a database.
"""
