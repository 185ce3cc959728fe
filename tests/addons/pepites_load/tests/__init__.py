from . import test_cluster
