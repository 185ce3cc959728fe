from . import pepites_kpi_indicator
from . import pepites_kpi_snapshot
from . import report_funder
