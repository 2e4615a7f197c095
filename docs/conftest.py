"""Collection rules for the documentation folder.

pytest runs every Markdown page's ``>>>`` examples (``--doctest-glob=*.md``)
and the docstrings of every module (``--doctest-modules``). The Sphinx
configuration and the local extension are not test modules, and the build
output and the generated model pages are not sources: they are left out.
"""

collect_ignore = ["conf.py"]
collect_ignore_glob = ["_ext/*", "_build/*", "models/*", "generated/*", "jupyter_execute/*"]
