# str methods check their arguments like CPython: no-argument methods reject
# arguments, replace/find/index/count/split reject non-str needles.
cases = [("replace", 42, "h"), ("replace", "h", 42), ("index", 42), ("rindex", 42),
         ("find", 42), ("rfind", None), ("count", 42), ("lower", 1), ("upper", 1),
         ("isalnum", 1), ("isdigit", 1), ("isupper", 1), ("istitle", 1), ("isascii", 1),
         ("swapcase", 1), ("title", 1), ("capitalize", 1), ("split", 42), ("rsplit", 42)]
for args in cases:
    try:
        r = getattr("hello", args[0])(*args[1:])
        print(args, "no error", r)
    except TypeError as e:
        print(args, "TypeError:", e)
try:
    "abc".lower(x=1)
except TypeError as e:
    print("TypeError:", e)
print("hello".replace("l", "L", 1), "hello".find("l"), "a b".split(None), "x".isalnum())
