# requires: stdlib
# torture: 1000
# csv on the native _csv: reader/writer/DictReader/DictWriter, dialects, quoting, errors (issue 17).
import csv, io
data = 'name,amount,note\r\nalice,10.5,"hello, world"\r\nbob,-3,"say ""hi"""\r\n"multi\nline",0,\r\n'
rows = list(csv.reader(io.StringIO(data)))
print(rows)
print(list(csv.reader(['a;b;"c;d"', ' x; y'], delimiter=';', skipinitialspace=True)))
print(list(csv.reader(['1,2.5,"x"'], quoting=csv.QUOTE_NONNUMERIC)))
print(list(csv.reader(['a\\,b,c'], escapechar='\\', quoting=csv.QUOTE_NONE)))
out = io.StringIO()
w = csv.writer(out)
w.writerow(["a", "b,c", 'q"x', None, 3, 2.5, "line\nbreak"])
w.writerow([""])
w.writerows([[1, 2], [3, 4]])
print(repr(out.getvalue()))
out = io.StringIO()
w = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
w.writerow(["x", 1, 2.0, True])
w = csv.writer(out, quoting=csv.QUOTE_ALL, delimiter="|")
w.writerow(["x", 1])
print(repr(out.getvalue()))
f = io.StringIO("id,name\n1,Ann\n2,Bo\n")
for r in csv.DictReader(f):
    print(dict(r))
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=["id", "name"])
dw.writeheader()
dw.writerow({"id": 1, "name": "Zed"})
print(repr(out.getvalue()))
csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_MINIMAL)
print(csv.list_dialects(), list(csv.reader(["a|b"], dialect="pipes")), csv.get_dialect("excel").delimiter)
for bad in [lambda: csv.reader([], delimiter="ab"), lambda: csv.reader([], quotechar=None), lambda: csv.get_dialect("nope"),
            lambda: list(csv.reader(['a,"b'], strict=True)), lambda: list(csv.reader(['a"b"c,"x"y'], strict=True)),
            lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(["a,b"]), lambda: list(csv.reader(["a\0b"])),
            lambda: csv.writer(io.StringIO()).writerow(5)]:
    try:
        bad()
    except (csv.Error, TypeError) as e:
        print(type(e).__name__, e)
print(list(csv.reader(['a"b"c,"x"y'])), csv.field_size_limit())
s = csv.Sniffer()
d = s.sniff("a;b;c\n1;2;3\n")
print(d.delimiter, s.has_header("name,age\nann,3\nbo,4\n"))
r = csv.reader(io.StringIO("a,b\nc,d\n"))
next(r)
print(r.line_num, r.dialect.delimiter)
