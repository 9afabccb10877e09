# pygc's meta path finder (appended to `_imp`): pygc imports natively, so
# `sys.meta_path` would otherwise be empty and importlib's own import
# (`importlib.import_module`, `reload`, `util.find_spec`) would find
# nothing. Source modules are executed from their file; native modules
# are created by the native import.


class PygcFinder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        import sys
        from importlib._bootstrap import ModuleSpec
        if name in sys.builtin_module_names:
            return ModuleSpec(name, PygcLoader, origin="built-in")
        last = name.rpartition(".")[2]
        for d in (sys.path if path is None else path):
            d = d or "."
            for cand, pkg in ((d + "/" + last + "/__init__.py", True),
                              (d + "/" + last + ".py", False)):
                try:
                    with open(cand, "rb"):
                        pass
                except OSError:
                    continue
                spec = ModuleSpec(name, PygcLoader, origin=cand, is_package=pkg)
                spec.has_location = True
                if pkg:
                    spec.submodule_search_locations.append(d + "/" + last)
                return spec
        return None

    @classmethod
    def invalidate_caches(cls):
        pass


class PygcLoader:
    @staticmethod
    def create_module(spec):
        if spec.origin == "built-in":
            import sys
            __import__(spec.name)
            return sys.modules[spec.name]
        return None

    @staticmethod
    def exec_module(module):
        spec = module.__spec__
        if spec.origin == "built-in":
            return
        with open(spec.origin, "rb") as f:
            src = f.read()
        exec(compile(src, spec.origin, "exec"), module.__dict__)

    @staticmethod
    def is_package(name):
        return False

    @staticmethod
    def get_source(name):
        import sys
        spec = sys.modules[name].__spec__
        with open(spec.origin, encoding="utf-8") as f:
            return f.read()


def _install():
    import sys
    if not any(f is PygcFinder for f in sys.meta_path):
        sys.meta_path.append(PygcFinder)


_install()
