# type calls whose __init__ is object.__init__: skipped when CPython's
# object_init would do nothing, the same errors otherwise.
class OnlyNew:
    __slots__ = ("v",)

    def __new__(cls, v, w=0):
        self = object.__new__(cls)
        self.v = v + w
        return self


class Plain:
    pass


class OnlyInit:
    def __init__(self, a):
        self.a = a


class NewReturnsOther:
    def __new__(cls, x):
        return x


class Sub(OnlyNew):
    pass


print(OnlyNew(3).v, OnlyNew(3, w=4).v, Sub(5, 6).v, OnlyInit(7).a, NewReturnsOther(9))
print(type(Plain()).__name__, type(object()).__name__)
for f in (lambda: Plain(1), lambda: Plain(x=1), lambda: object(1), lambda: OnlyInit(),
          lambda: OnlyNew(), lambda: object.__init__(Plain(), 1)):
    try:
        f()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)


class LateInit(OnlyNew):
    pass


a = LateInit(1)
LateInit.__init__ = lambda self, v, w=0: setattr(self, "v", -v)
print(a.v, LateInit(2).v)
del LateInit.__init__
print(LateInit(2).v)
