# Temporaries (arrays converted from lists) stay alive and current while
# Python code runs (__index__ of an axis or a dimension, conversions).
import numpy as np
keep = []


class Ax:
    def __index__(s):
        len(keep); keep.append(np.full((2, 2), 100.0)); return 0


print(np.sum([[1.0, 2.0], [3.0, 4.0]], axis=Ax()))
print(np.max([[1.0, 5.0], [3.0, 4.0]], axis=Ax()))
print(np.array([[1.0, 2.0], [3.0, 4.0]]).sum(axis=Ax()))
print(np.mean([[1.0, 2.0], [3.0, 4.0]], axis=Ax()))


class Dim:
    def __init__(s, n): s.n = n
    def __index__(s):
        keep.append(np.zeros(50)); return s.n


print(np.reshape([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], (Dim(2), Dim(3))))


print(np.array([1.0, 2.0]).reshape(Dim(2), Dim(1)))
print(len(keep) > 5)
