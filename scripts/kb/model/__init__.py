"""Stage 1, collect: the report's structure, data files and sources as validated models."""
