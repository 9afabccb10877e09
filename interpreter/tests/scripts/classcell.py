# The __class__ cell is filled by type.__new__ (from `__classcell__` in the
# namespace), as CPython: zero-argument super() works inside a metaclass's
# __new__ after type.__new__ returned, in __set_name__ and __init_subclass__.
class M(type):
    def __new__(mcls, name, bases, ns):
        print("classcell in ns:", "__classcell__" in ns)
        cls = super().__new__(mcls, name, bases, ns)
        print("classcell in class dict:", "__classcell__" in cls.__dict__)
        print("early super():", cls.__dict__["who"](object.__new__(cls)))
        return cls
class Base:
    def who(self):
        return "Base"
class A(Base, metaclass=M):
    def who(self):
        return "A>" + super().who()
print(A().who())
class D:
    def __set_name__(self, owner, name):
        print("set_name", name, owner.hello(object.__new__(owner)))
class P:
    def hello(self):
        return "P.hello"
class Q(P):
    d = D()
    def hello(self):
        return "Q>" + super().hello()
class NoCell(metaclass=M):
    def who(self):
        return "no super here"
# a metaclass that drops the cell: RuntimeError at class creation, as CPython
class Drop(type):
    def __new__(mcls, name, bases, ns):
        ns = {k: v for k, v in ns.items() if k != "__classcell__"}
        return super().__new__(mcls, name, bases, ns)
try:
    class R(Base, metaclass=Drop):
        def who(self):
            return "R>" + super().who()
    print(R().who())
except RuntimeError as e:
    print("RuntimeError", e)
# no super() in the body: no cell, nothing to propagate
class S(metaclass=Drop):
    x = 1
print(S.x)
