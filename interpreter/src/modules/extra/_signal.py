# pygc's `_signal`: the constants and handler table of a single-threaded
# interpreter that never receives asynchronous signals (handlers are
# recorded; raise_signal runs the Python handler synchronously).
SIG_DFL = 0
SIG_IGN = 1
NSIG = 65
SIGHUP = 1
SIGINT = 2
SIGQUIT = 3
SIGILL = 4
SIGTRAP = 5
SIGABRT = 6
SIGIOT = 6
SIGBUS = 7
SIGFPE = 8
SIGKILL = 9
SIGUSR1 = 10
SIGSEGV = 11
SIGUSR2 = 12
SIGPIPE = 13
SIGALRM = 14
SIGTERM = 15
SIGCHLD = 17
SIGCONT = 18
SIGSTOP = 19
SIGTSTP = 20
SIGTTIN = 21
SIGTTOU = 22
SIGURG = 23
SIGXCPU = 24
SIGXFSZ = 25
SIGVTALRM = 26
SIGPROF = 27
SIGWINCH = 28
SIGIO = 29
SIGPOLL = 29
SIGPWR = 30
SIGSYS = 31
SIGRTMIN = 34
SIGRTMAX = 64
SIG_BLOCK = 0
SIG_UNBLOCK = 1
SIG_SETMASK = 2
ITIMER_REAL = 0
ITIMER_VIRTUAL = 1
ITIMER_PROF = 2


class ItimerError(OSError):
    pass


def default_int_handler(signalnum, frame):
    raise KeyboardInterrupt


_handlers = {n: SIG_DFL for n in range(1, NSIG)}
_handlers[SIGINT] = default_int_handler
_handlers[SIGPIPE] = SIG_IGN


def _check(signalnum):
    if not isinstance(signalnum, int):
        raise TypeError(f"'{type(signalnum).__name__}' object cannot be interpreted as an integer")
    if not 1 <= signalnum < NSIG:
        raise ValueError("signal number out of range")


def signal(signalnum, handler):
    _check(signalnum)
    if signalnum in (SIGKILL, SIGSTOP):
        raise OSError(22, "Invalid argument")
    if handler not in (SIG_DFL, SIG_IGN) and not callable(handler):
        raise TypeError("signal handler must be signal.SIG_IGN, signal.SIG_DFL, "
                        "or a callable object")
    old = _handlers[signalnum]
    _handlers[signalnum] = handler
    return old


def getsignal(signalnum):
    _check(signalnum)
    return _handlers[signalnum]


def raise_signal(signalnum):
    _check(signalnum)
    h = _handlers[signalnum]
    if callable(h):
        h(signalnum, None)


def strsignal(signalnum):
    _check(signalnum)
    names = {SIGINT: "Interrupt", SIGTERM: "Terminated", SIGKILL: "Killed",
             SIGHUP: "Hangup", SIGALRM: "Alarm clock", SIGUSR1: "User defined signal 1",
             SIGUSR2: "User defined signal 2", SIGSEGV: "Segmentation fault",
             SIGABRT: "Aborted", SIGPIPE: "Broken pipe", SIGCHLD: "Child exited"}
    return names.get(signalnum)


def valid_signals():
    return set(range(1, NSIG))


def set_wakeup_fd(fd, *, warn_on_full_buffer=True):
    return -1


def siginterrupt(signalnum, flag):
    _check(signalnum)


def alarm(seconds):
    return 0


def pause():
    return None


def pthread_sigmask(how, mask):
    return set()


def pthread_kill(thread_id, signalnum):
    raise_signal(signalnum)


def setitimer(which, seconds, interval=0.0):
    return (0.0, 0.0)


def getitimer(which):
    return (0.0, 0.0)
