"""The `_string` module: the format-string parsing helpers `string.Formatter`
is built on (CPython's Objects/stringlib/unicode_format.h semantics)."""


def _int_or_none(s):
    # a name made only of decimal digits is an index (CPython's get_integer)
    if not s or not all(c.isdecimal() for c in s):
        return None
    try:
        return int(s)
    except ValueError:
        raise ValueError("Too many decimal digits in format string") from None


def _field(s, i, n):
    """Parses one replacement field starting after its '{' at s[i]:
    (field_name, format_spec, conversion, index after the field)."""
    start = i
    c = ""
    while i < n:
        c = s[i]
        i += 1
        if c == "{":
            raise ValueError("unexpected '{' in field name")
        if c == "[":
            while i < n and s[i] != "]":
                i += 1
            continue
        if c in "}:!":
            break
    else:
        if start == n:
            c = ""
    name = s[start:i - 1] if c in "}:!" and i > start else s[start:i]
    conversion = None
    spec = ""
    if c in "!:" and i > start:
        if c == "!":
            if i >= n:
                raise ValueError(
                    "end of string while looking for conversion specifier")
            conversion = s[i]
            i += 1
            if i < n:
                c2 = s[i]
                i += 1
                if c2 == "}":
                    return name, spec, conversion, i
                if c2 != ":":
                    raise ValueError(
                        "expected ':' after conversion specifier")
        spec_start = i
        depth = 1
        while i < n:
            c = s[i]
            i += 1
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    return name, s[spec_start:i - 1], conversion, i
        raise ValueError("unmatched '{' in format spec")
    if c != "}" or i == start:
        raise ValueError("expected '}' before end of string")
    return name, spec, conversion, i


def formatter_parser(s):
    """Yields (literal_text, field_name, format_spec, conversion) for each
    piece of a format string (None for the parts a piece lacks)."""
    if not isinstance(s, str):
        raise TypeError(f"expected str, got {type(s).__name__}")
    return _parse(s)


def _parse(s):
    i, n = 0, len(s)
    while i < n:
        lit_start = i
        c = ""
        markup = False
        while i < n:
            c = s[i]
            i += 1
            if c in "{}":
                markup = True
                break
        at_end = i >= n
        length = i - lit_start
        if c == "}" and markup and (at_end or s[i] != c):
            raise ValueError("Single '}' encountered in format string")
        if at_end and c == "{" and markup:
            raise ValueError("Single '{' encountered in format string")
        if markup and not at_end:
            if s[i] == c:
                i += 1
                markup = False
            else:
                length -= 1
        literal = s[lit_start:lit_start + length]
        if not markup:
            yield (literal, None, None, None)
            continue
        name, spec, conv, i = _field(s, i, n)
        yield (literal, name, spec, conv)


def formatter_field_name_split(name):
    """(first, iterator of (is_attribute, key)) for a field name such as
    'a.b[0]'; an all-digit first part or item key becomes an int."""
    if not isinstance(name, str):
        raise TypeError(f"expected str, got {type(name).__name__}")
    i, n = 0, len(name)
    while i < n and name[i] not in ".[":
        i += 1
    first = name[:i]
    k = _int_or_none(first)
    return (first if k is None else k), _rest(name, i, n)


def _rest(s, i, n):
    while i < n:
        c = s[i]
        i += 1
        if c == ".":
            start = i
            while i < n and s[i] not in ".[":
                i += 1
            key = s[start:i]
            is_attr = True
        elif c == "[":
            start = i
            while i < n and s[i] != "]":
                i += 1
            if i >= n:
                raise ValueError("Missing ']' in format string")
            key = s[start:i]
            i += 1
            if not key:
                raise ValueError("Empty attribute in format string")
            if i < n and s[i] not in ".[":
                raise ValueError(
                    "Only '.' or '[' may follow ']' in format field specifier")
            is_attr = False
        else:
            raise ValueError(
                "Only '.' or '[' may follow ']' in format field specifier")
        if not key:
            raise ValueError("Empty attribute in format string")
        if not is_attr:
            k = _int_or_none(key)
            if k is not None:
                key = k
        yield (is_attr, key)
