"""The package's version and home, importable by every stage without loading anything else."""

__version__ = "0.1.0"
REPOSITORY = "https://github.com/OWNER/captioncheck"  # where the rules' documentation links point
