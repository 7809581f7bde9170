"""The HTTP API (FastAPI): the only package that imports the web framework.

Routes stay thin: they read through :mod:`pixely_api.queries` inside the caller's
:class:`~pixely_api.queries.TenantScope` and write through :mod:`pixely_api.admin`.
"""
