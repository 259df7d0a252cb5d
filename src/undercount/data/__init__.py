"""Reference data shipped with undercount (read with ``importlib.resources``).

``kazakh_names.json``: common Kazakh and Russian given names and surnames with published
frequencies, a copy of the project's research data set. The name matcher seeds its variant
lexicon from it and the simulator draws names from it; the two use it independently.
"""
