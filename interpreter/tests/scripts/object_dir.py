# object.__dir__ / type.__dir__ and super().__dir__()
class A:
    cls_attr = 1

    def __init__(self):
        self.x = 1


class B(A):
    def __dir__(self):
        return ["extra"] + super().__dir__()


a = A()
print(sorted(object.__dir__(a)) == dir(a), "x" in object.__dir__(a), "__class__" in object.__dir__(a))
print(dir(B())[-1], "cls_attr" in dir(B()), "x" in dir(B()))
print(sorted(type.__dir__(A)) == dir(A), "cls_attr" in type.__dir__(B))
print(isinstance(object.__dir__(1), list), "bit_length" in object.__dir__(1))
import sys
print("path" in object.__dir__(sys))
