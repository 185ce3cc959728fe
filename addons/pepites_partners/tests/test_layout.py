"""The addons' layout a newcomer relies on to find things by name (issue 14): one view file per
model, named after it, and every data file of an addon loaded by its manifest."""
import ast
import os
import unittest

from lxml import etree

from odoo.modules.module import get_module_path

#: the PEPITES addons whose files are checked (those present in the addons path)
ADDONS = ("pepites_partners", "pepites_jobs", "pepites_training", "pepites_badges", "pepites_kpi")
#: the folders whose XML files must all be in the manifest's data or demo lists
DATA_FOLDERS = ("data", "demo", "report", "security", "views", "wizards")


def addon_paths():
    """{addon: its folder} for the PEPITES addons present."""
    paths = {name: get_module_path(name) for name in ADDONS}
    return {name: path for name, path in paths.items() if path}


def models_of_view_file(path):
    """The models a views file is about: each view's model, each window action's binding model
    (the screen it is opened from) or else its target model.

    :returns: set of model names
    """
    models = set()
    for record in etree.parse(path).getroot().iter("record"):
        values = {field.get("name"): field for field in record.iter("field")}
        if record.get("model") == "ir.ui.view":
            models.add(values["model"].text)
        elif record.get("model") == "ir.actions.act_window":
            binding = values.get("binding_model_id")
            if binding is not None:
                ref = binding.get("ref").split(".")[-1]
                models.add(ref[len("model_"):].replace("_", "."))
            else:
                models.add(values["res_model"].text)
    return models


class TestLayout(unittest.TestCase):

    def test_one_view_file_per_model(self):
        """Each ``views/*_views.xml`` holds the views and actions of one model and is named after
        it (``views/<model>_views.xml``): the form of PMSMP immersions is found under
        ``pepites_immersion_views.xml``, not among six models of another file."""
        checked = 0
        for addon, path in addon_paths().items():
            folder = os.path.join(path, "views")
            for name in sorted(os.listdir(folder)):
                if not name.endswith("_views.xml"):
                    continue
                models = models_of_view_file(os.path.join(folder, name))
                # model names keep their dots, file names have underscores everywhere
                self.assertEqual({model.replace(".", "_") for model in models},
                                 {name[:-len("_views.xml")]}, "%s/views/%s" % (addon, name))
                checked += 1
        self.assertGreater(checked, 20)

    def test_every_data_file_is_loaded(self):
        """Every XML or CSV file of the data folders is in its manifest's ``data`` or ``demo``:
        a views file left out of the manifest after a split would make an update delete its
        records (their XML ids would no longer be loaded)."""
        for addon, path in addon_paths().items():
            with open(os.path.join(path, "__manifest__.py")) as manifest_file:
                manifest = ast.literal_eval(manifest_file.read())
            listed = set(manifest.get("data", [])) | set(manifest.get("demo", []))
            for folder in DATA_FOLDERS:
                if not os.path.isdir(os.path.join(path, folder)):
                    continue
                for name in os.listdir(os.path.join(path, folder)):
                    if name.endswith((".xml", ".csv")):
                        self.assertIn("%s/%s" % (folder, name), listed, addon)

    def test_no_production_method_over_60_lines(self):
        """A method longer than a screen does several things: issue 14 split the last ones
        (badge issuing, the portal offer form). Tests and migrations are not production code."""
        limit, too_long = 60, []
        for addon, root in addon_paths().items():
            for folder, dirs, files in os.walk(root):
                dirs[:] = [name for name in dirs if name not in ("tests", "migrations")]
                for name in (name for name in files if name.endswith(".py")):
                    path = os.path.join(folder, name)
                    with open(path, encoding="utf-8") as source:
                        tree = ast.parse(source.read(), path)
                    for node in ast.walk(tree):
                        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            end = max(getattr(child, "lineno", node.lineno)
                                      for child in ast.walk(node))
                            if end - node.lineno + 1 > limit:
                                too_long.append("%s:%d %s (%d lines)" % (
                                    os.path.relpath(path, root), node.lineno, node.name,
                                    end - node.lineno + 1))
        self.assertEqual(too_long, [], "methods over %d lines" % limit)
