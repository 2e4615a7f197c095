"""Sphinx configuration of the gametheory_alliances documentation.

Build (warnings are errors)::

    sphinx-build -W --keep-going -b html docs docs/_build/html

Pages are Markdown (MyST); notebooks in ``notebooks/`` are rendered from their
committed outputs (they are executed by the test suite, not by the build).
The local extension ``_ext/model_pages.py`` writes one page per catalogue
model into ``models/`` (not committed) before the pages are read.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(_HERE / "_ext"))
# A checkout that is not installed still builds: the package sits next to docs/.
sys.path.insert(0, str(_HERE.parent))

from local_inventories import write_inventories  # noqa: E402

import gametheory_alliances  # noqa: E402

project = "gametheory_alliances"
author = "The gametheory_alliances developers"
copyright = "the gametheory_alliances developers"
version = release = gametheory_alliances.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.intersphinx",
    "sphinx_copybutton",
    "model_pages",
    "grouped_fields",
]

# Figure scripts the build runs (their ``build(outdir)``), with their output
# folders; generated files go under generated/, which is not committed.
model_pages_figures = {
    "case-studies/figures.py": "generated/case-studies",
    "tutorial/tutorial_figures.py": "generated/tutorial",
}

# Intersphinx: links to the Python, numpy, sympy and pandas documentation,
# read from small inventories the build writes itself (``_ext/local_inventories.py``)
# instead of downloading the projects' own, so that the build works offline, with
# warnings as errors, and gives the same pages whatever the network does.
intersphinx_mapping = write_inventories(_HERE / "generated" / "intersphinx")

# The copy button leaves out the prompts (>>> and ...) and the outputs of examples.
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True

exclude_patterns = ["_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]

# MyST: $...$ and $$...$$ math (the proof reports and model pages use it), and
# LaTeX environments such as \begin{cases} written directly in a page.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_dmath_double_inline = True
myst_heading_anchors = 3

# Notebooks are shown with the outputs they were committed with.
nb_execution_mode = "off"

# autodoc and napoleon (numpydoc docstrings).
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True}
autodoc_preserve_defaults = True
napoleon_google_docstring = False
napoleon_numpy_docstring = True
# Dataclass attributes listed in an "Attributes" section are rendered as
# fields of the class, not as separate attribute entries that would duplicate
# the ones autodoc finds.
napoleon_use_ivar = True
napoleon_use_rtype = False

html_theme = "furo"
html_title = f"gametheory_alliances {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
