# `_json`: the accelerator module's names, bound lazily (PEP 562) to json's
# pure-Python implementations (pygc has no separate C scanner).
_NAMES = {
    "make_scanner": ("json.scanner", "py_make_scanner"),
    "scanstring": ("json.decoder", "py_scanstring"),
    "encode_basestring": ("json.encoder", "py_encode_basestring"),
    "encode_basestring_ascii": ("json.encoder", "py_encode_basestring_ascii"),
}


def __getattr__(name):
    if name not in _NAMES:
        raise AttributeError(f"module '_json' has no attribute '{name}'")
    import sys
    modname, attr = _NAMES[name]
    mod = sys.modules.get(modname)
    if mod is None:
        __import__(modname)
        mod = sys.modules[modname]
    try:
        return getattr(mod, attr)
    except AttributeError:
        # json itself is being imported: its module-level
        # `from _json import ...` falls back to the Python version
        raise AttributeError(f"module '_json' has no attribute '{name}'") from None
