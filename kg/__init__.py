"""kg: a knowledge-graph builder for diplomatic events.

Importing the package loads no model and touches no network.
"""

__version__ = "0.1.0"
