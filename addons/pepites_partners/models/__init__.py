from . import pepites_department
from . import pepites_partner_role
from . import pepites_sector
from . import pepites_job_family
from . import res_partner
from . import res_users
from . import pepites_partnership
from . import pepites_ambassador
