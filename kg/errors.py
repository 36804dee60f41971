"""The exceptions `kg` raises; the CLI turns each into a one-line ``Error: …``."""


class KgError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(KgError):
    """An input file or record cannot be read as an article."""


class ModelError(KgError):
    """The spaCy pipeline cannot be loaded."""


class GraphError(KgError):
    """A graph file or store cannot be read or written."""


class QueryError(KgError):
    """A SPARQL query is malformed or cannot be evaluated."""


class FormatError(KgError):
    """An unknown input or output format was asked for."""


class EntityError(KgError):
    """An actor name cannot be looked up in the graph."""
