# `_posixsubprocess`: pygc cannot fork/exec child processes.
def fork_exec(*args, **kwargs):
    raise OSError(38, "pygc cannot start child processes (fork_exec)")


def cloexec_pipe():
    import os
    return os.pipe()
