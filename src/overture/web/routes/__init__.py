"""The API's routers, one module per area: meta (health, page), af, doctrines, analysis, corpus.

Each module exposes `router`; `overture.web.app.create_app` includes those whose layer exists.
"""
