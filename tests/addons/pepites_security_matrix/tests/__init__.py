from . import test_orm_matrix, test_xmlrpc_matrix, test_routes_matrix
from . import test_model_rights, test_elevating_methods, test_orm_methods, test_web_routes
