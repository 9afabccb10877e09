# `_json`: the accelerator module json uses when present. The scanning and
# encoding run natively (json_scan.rs, json_enc.rs); these classes hold the
# settings as CPython's Scanner/Encoder objects do.


class make_scanner:
    """JSON scanner object"""

    def __init__(self, context):
        self.strict = bool(context.strict)
        self.object_hook = context.object_hook
        self.object_pairs_hook = context.object_pairs_hook
        self.parse_float = context.parse_float
        self.parse_int = context.parse_int
        self.parse_constant = context.parse_constant

    def __call__(self, string, idx):
        return _scan_once(string, idx, self.strict, self.object_hook,
                          self.object_pairs_hook, self.parse_float,
                          self.parse_int, self.parse_constant)


class make_encoder:
    """_iterencode(obj, _current_indent_level) -> iterable"""

    def __init__(self, markers, default, encoder, indent, key_separator,
                 item_separator, sort_keys, skipkeys, allow_nan):
        if markers is not None and not isinstance(markers, dict):
            raise TypeError("make_encoder() argument 1 must be dict or None, not "
                            + type(markers).__name__)
        for n, sep in ((5, key_separator), (6, item_separator)):
            if not isinstance(sep, str):
                raise TypeError("make_encoder() argument %d must be str, not %s"
                                % (n, type(sep).__name__))
        self.markers = markers
        self.default = default
        self.encoder = encoder
        self.indent = indent
        self.key_separator = key_separator
        self.item_separator = item_separator
        self.sort_keys = bool(sort_keys)
        self.skipkeys = bool(skipkeys)
        self.allow_nan = bool(allow_nan)
        if encoder is encode_basestring_ascii:
            self._fast = 1
        elif encoder is encode_basestring:
            self._fast = 2
        else:
            self._fast = 0

    def __call__(self, obj, _current_indent_level):
        return [_encode(obj, self.markers, self.default, self.encoder, self._fast,
                        self.key_separator, self.item_separator, self.sort_keys,
                        self.skipkeys, self.allow_nan)]
