from . import test_backup_restore
