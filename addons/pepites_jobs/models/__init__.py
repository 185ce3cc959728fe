from . import hr_job
from . import hr_applicant
from . import res_partner
