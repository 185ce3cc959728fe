from . import pepites_alternance_rupture_wizard
