# class statement with non-class bases and no __mro_entries__ (a metaclass gets them as given)
class Meta(int):
    def __init__(*args, **kwargs):
        pass
    def __new__(cls, name, bases, attrs, **kwargs):
        return bases, kwargs
d = {'metaclass': Meta}
class A(0, 1, 2, **d): pass
print(A, flush=True)
class A(0, *range(1, 8), **d, foo='bar'): pass
print(A)
