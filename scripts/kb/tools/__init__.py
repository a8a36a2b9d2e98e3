"""Commands around the site: handouts, slides, printed tests, scaffolding, local server."""
