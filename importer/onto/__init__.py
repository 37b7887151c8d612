"""onto: biology Digital Gardens (Obsidian notes) into a typed Neo4j graph.

from pathlib import Path
from onto import ConnectionSettings, Neo4jWriter, import_garden, load_ontology

with ConnectionSettings.load().driver() as driver:
    summary = import_garden(Path("garden"), Neo4jWriter(driver), load_ontology())
print(summary.entities, summary.relationships, summary.errors)
"""

from .ontology import Ontology, load_ontology
from .pipeline import ImportSummary, import_garden, scan_garden
from .settings import ConnectionSettings
from .write import Neo4jWriter

__version__ = "0.1.0"

__all__ = [
    "ConnectionSettings",
    "ImportSummary",
    "Neo4jWriter",
    "Ontology",
    "import_garden",
    "load_ontology",
    "scan_garden",
]
