"""plaidoyer: assemble advocacy and UNFCCC position papers from YAML into tailored briefs."""

__version__ = "0.3.0"
