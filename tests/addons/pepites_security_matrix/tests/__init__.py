from . import test_orm_matrix, test_xmlrpc_matrix, test_routes_matrix
