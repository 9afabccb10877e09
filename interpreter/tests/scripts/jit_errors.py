# env: PYGC_JIT=on
# env: PYGC_JIT_THRESHOLD=2
# Exceptions raised inside compiled code reach the interpreter with the
# tracebacks (functions and line numbers) CPython gives.


def where(e):
    out = []
    tb = e.__traceback__
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


def divide_all(xs, d):
    t = 0
    for x in xs:
        t += x // d
    return t


def unbound(flag):
    for i in range(3):
        if flag and i == 2:
            print(y)
        y = i
    return y


def missing_global(n):
    s = 0
    for i in range(n):
        s += i
        if i == 5:
            s += not_defined_anywhere
    return s


def bad_attr(objs):
    t = 0
    for o in objs:
        t += o.real
    return t


def inner(i):
    if i == 7:
        raise ValueError("seven")
    return i * 2


def outer(n):
    t = 0
    for i in range(n):
        t += inner(i)
    return t


def index_error(lst):
    t = 0
    for i in range(len(lst) + 1):
        t += lst[i]
    return t


def deep(n):
    return deep(n + 1) + 1


for attempt in range(2):
    print(divide_all([1, 2, 3], 1))
    try:
        divide_all([1, 2, 3], 0)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e, where(e))
    print(unbound(False))
    try:
        unbound(True)
    except UnboundLocalError as e:
        print("UnboundLocalError", e, where(e))
    try:
        missing_global(10)
    except NameError as e:
        print("NameError", e, where(e))
    print(bad_attr([1, 2, 3.5]))
    try:
        bad_attr([1, "x"])
    except AttributeError as e:
        print("AttributeError", e, where(e))
    print(outer(5))
    try:
        outer(10)
    except ValueError as e:
        print("ValueError", e, where(e))
    try:
        index_error([1, 2, 3])
    except IndexError as e:
        print("IndexError", e, where(e)[:2])
    try:
        deep(0)
    except RecursionError as e:
        print("RecursionError", e, where(e)[:3])
