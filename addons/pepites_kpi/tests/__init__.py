from . import test_doctests
from . import test_indicators
from . import test_snapshots
from . import test_reports
from . import test_pdf
from . import test_i18n
from . import test_sql_guard
from . import test_board_indicators
