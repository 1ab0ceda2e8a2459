"""The doctrines shipped with Overture, as data files: one folder each (YAML and scenarios).

`DEFAULT_DOCTRINE` names the one used when a caller names none; nothing outside this folder
names a shipped doctrine.
"""

DEFAULT_DOCTRINE = "iran-us"
