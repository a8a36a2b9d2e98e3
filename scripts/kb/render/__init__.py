"""Stage 2, render: pages and HTML post-processing, made from the collected models."""
