from . import hr_job_refuse_wizard
