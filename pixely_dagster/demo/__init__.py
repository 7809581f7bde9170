"""The bundled demo: who logs in, which brands, and their sample workbooks.

Importing this package stays light (no openpyxl): the CLI reads the catalog first
and only touches the workbooks when it loads them.
"""

from pixely_dagster.demo.catalog import (
    DEMO_ADMIN_PASSWORD,
    DEMO_CAFE_ANDINO_VIEWER_PASSWORD,
    DEMO_CATALOG,
    DEMO_DATA_DIR,
    DEMO_NORTE_SPORT_VIEWER_PASSWORD,
    DemoCatalog,
    DemoFicha,
    DemoTenant,
    DemoUser,
)

__all__ = [
    "DEMO_ADMIN_PASSWORD",
    "DEMO_CAFE_ANDINO_VIEWER_PASSWORD",
    "DEMO_CATALOG",
    "DEMO_DATA_DIR",
    "DEMO_NORTE_SPORT_VIEWER_PASSWORD",
    "DemoCatalog",
    "DemoFicha",
    "DemoTenant",
    "DemoUser",
]
