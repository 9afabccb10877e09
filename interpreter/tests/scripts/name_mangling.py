# private name mangling (__x inside a class body)
class A:
    def __init__(self):
        self.__x = 1
    def get(self):
        return self.__x
class B(A):
    def __init__(self):
        super().__init__()
        self.__x = 2
    def getb(self):
        return self.__x
b = B()
print(b.get(), b.getb(), b._A__x, b._B__x, sorted(k for k in vars(b)))
class A:
    def f(self, __x=1, *, __k=2):
        return __x, __k
    def g(self):
        try:
            return self.f(__x=5)
        except TypeError as e:
            return str(e)
    def h(self):
        return self.f(_A__x=7, _A__k=8)
    __cls_attr = 10
    def cls_attr(self):
        return self.__cls_attr, A.__cls_attr
    def __private_method(self):
        return "pm"
    def call_pm(self):
        return self.__private_method()
    class __Inner:
        pass
    def inner(self):
        return self.__Inner.__name__
a = A()
print(a.f(), a.g(), a.h(), a.cls_attr(), a.call_pm(), a.inner(), A._A__cls_attr, hasattr(a, "__cls_attr"))
class _:
    __z = 1
print(_.__dict__.get("__z"))
class __B:
    __y = 2
    def m(self):
        return self.__y
print(__B().m(), "_B__y" in __B.__dict__)
def outer():
    class C:
        __v = 3
        def get(self):
            __w = 4
            return self.__v + __w
    return C().get()
print(outer())
