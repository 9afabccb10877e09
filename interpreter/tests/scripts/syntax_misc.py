# class statements with *bases / **kwargs, f-string debug specifiers


class Meta(type):
    def __new__(m, name, bases, ns, **kw):
        cls = super().__new__(m, name, bases, ns)
        cls.kw = dict(kw)
        return cls


class A:
    pass


class B:
    pass


bases = (A, B)
opts = {"flag": True, "level": 3}


class C(*bases, metaclass=Meta, **opts):
    x = 1


print(C.__name__, [b.__name__ for b in C.__mro__], sorted(C.kw.items()))


class D(A, *(B,), metaclass=Meta, extra="e", **{"more": 1}):
    pass


print([b.__name__ for b in D.__bases__], sorted(D.kw.items()))


def deco(cls):
    cls.decorated = True
    return cls


@deco
class E(*[A], **{}):
    pass


print(E.decorated, E.__bases__[0].__name__)

x = 5
items = [1, 2, 3]
print(f"{x=}", f"{ x = }", f"{x = !s:>4}", f"{x*2=:03d}", f"{x=!r}", f"{x=:>3}")
print(f"{items[0]=}", f"{len(items)=}", f"{'s'=}", f"{x + 1 = }")
