"""The read-only web view of state/: documents, events, diffs, figures with charts, /metrics.

Starlette routes (app.py) over monitor.queries, Jinja2 templates beside them (templates/),
server-side SVG charts (charts.py), served by uvicorn on the caller's event loop (server.py):
`monitor serve` alone, or inside `monitor run` with `web.listen`. Nothing here is imported by
`monitor check`.
"""
