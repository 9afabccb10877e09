# print() writes each argument as it goes (as CPython): the pieces before an
# argument whose __str__ raises are written, to stdout and to a file object.
import io


class Bad:
    def __repr__(self):
        raise ValueError("no repr")


try:
    print("a", 1, Bad(), "z", sep="|")
except ValueError as e:
    print()
    print("error:", e)
buf = io.StringIO()
try:
    print("x", Bad(), file=buf)
except ValueError as e:
    print("file got", repr(buf.getvalue()), e)
try:
    print(Bad(), file=buf)
except ValueError as e:
    print("nothing more", repr(buf.getvalue()), e)
print("end")
