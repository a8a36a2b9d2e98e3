"""Knowledge base of the report: plain Python, no MkDocs imports (MkDocs stays in hooks.py)."""
