# A JSON schema-ish validator over json.loads output.
import json

SCHEMA = {
    "type": "object",
    "required": ["id", "name", "tags"],
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "name": {"type": "string", "minLength": 2},
        "price": {"type": "number", "minimum": 0},
        "tags": {"type": "array", "items": {"type": "string"}},
        "dims": {"type": "object", "properties": {"w": {"type": "number"}, "h": {"type": "number"}}},
    },
}

TYPES = {"object": dict, "array": list, "string": str, "integer": int,
         "number": (int, float), "boolean": bool, "null": type(None)}


def validate(value, schema, path="$"):
    errors = []
    t = schema.get("type")
    if t:
        ok = isinstance(value, TYPES[t]) and not (t in ("integer", "number") and isinstance(value, bool))
        if not ok:
            return [f"{path}: expected {t}, got {type(value).__name__}"]
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < minimum {schema['minimum']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{path}: too short ({len(value)})")
    if t == "object":
        for k in schema.get("required", []):
            if k not in value:
                errors.append(f"{path}: missing {k!r}")
        for k, sub in schema.get("properties", {}).items():
            if k in value:
                errors.extend(validate(value[k], sub, f"{path}.{k}"))
    if t == "array" and "items" in schema:
        for i, item in enumerate(value):
            errors.extend(validate(item, schema["items"], f"{path}[{i}]"))
    return errors


docs = [
    '{"id": 1, "name": "widget", "price": 9.5, "tags": ["a", "b"]}',
    '{"id": 0, "name": "x", "tags": ["ok", 3]}',
    '{"name": "gadget", "tags": [], "dims": {"w": 2, "h": "tall"}}',
    '{"id": true, "name": "bool id", "tags": null}',
    '[1, 2, 3]',
    '{"id": 7, "name": "caf\\u00e9 \\ud83d\\ude00", "tags": ["\\n"], "price": 1e3}',
    '{"id": 2, "name": "broken", ',
]
for d in docs:
    try:
        v = json.loads(d)
    except json.JSONDecodeError as e:
        print("parse error:", e.msg, "at", e.pos)
        continue
    errs = validate(v, SCHEMA)
    print(json.dumps(v, sort_keys=True, ensure_ascii=False)[:60], "->", errs or "valid")
print(json.dumps({"nested": {"list": [1, 2.5, None, True]}}, indent=2))
