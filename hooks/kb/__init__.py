"""The knowledge base behind the guide: load, validate and render site-data/.

Nothing in this package imports MkDocs. The MkDocs adapter lives in
hooks/site_hooks.py and only turns build events into calls to this package, so
moving to another static-site engine means rewriting that adapter alone.
"""
