from . import pepites_kpi_report_wizard
