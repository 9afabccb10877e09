# json dumps/loads round trips.
import json

recs = [{"id": i, "name": "item%d" % i, "tags": ["a", "b", str(i % 9)], "price": i * 0.25,
         "ok": i % 2 == 0, "sub": {"x": i, "y": None}} for i in range(3000)]
text = json.dumps(recs)
total = 0
for _ in range(5):
    back = json.loads(text)
    total += sum(r["sub"]["x"] for r in back)
    text = json.dumps(back, sort_keys=True)
print(len(text), total)
