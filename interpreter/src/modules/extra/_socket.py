# `_socket` (modules/socket_mod.rs): the socket type over the native calls
# _new/_bind/_connect/... on file descriptors. Timeouts follow CPython: a
# socket with a timeout is non-blocking underneath and waits with poll.
import select as _select
import os as _os

AF_UNSPEC = 0
AF_UNIX = 1
AF_INET = 2
AF_INET6 = 10
SOCK_STREAM = 1
SOCK_DGRAM = 2
SOCK_RAW = 3
SOCK_SEQPACKET = 5
SOCK_NONBLOCK = 2048
SOCK_CLOEXEC = 524288
SOL_SOCKET = 1
SO_DEBUG = 1
SO_REUSEADDR = 2
SO_TYPE = 3
SO_ERROR = 4
SO_DONTROUTE = 5
SO_BROADCAST = 6
SO_SNDBUF = 7
SO_RCVBUF = 8
SO_KEEPALIVE = 9
SO_OOBINLINE = 10
SO_LINGER = 13
SO_REUSEPORT = 15
SO_RCVLOWAT = 18
SO_SNDLOWAT = 19
SO_RCVTIMEO = 20
SO_SNDTIMEO = 21
SO_ACCEPTCONN = 30
SO_PROTOCOL = 38
SO_DOMAIN = 39
SOL_IP = 0
SOL_TCP = 6
SOL_UDP = 17
IPPROTO_IP = 0
IPPROTO_ICMP = 1
IPPROTO_TCP = 6
IPPROTO_UDP = 17
IPPROTO_IPV6 = 41
IPPROTO_RAW = 255
IPV6_V6ONLY = 26
IP_TOS = 1
IP_TTL = 2
IP_MULTICAST_TTL = 33
IP_MULTICAST_LOOP = 34
IP_ADD_MEMBERSHIP = 35
TCP_NODELAY = 1
TCP_MAXSEG = 2
TCP_KEEPIDLE = 4
TCP_KEEPINTVL = 5
TCP_KEEPCNT = 6
SHUT_RD = 0
SHUT_WR = 1
SHUT_RDWR = 2
MSG_OOB = 1
MSG_PEEK = 2
MSG_DONTROUTE = 4
MSG_CTRUNC = 8
MSG_TRUNC = 32
MSG_DONTWAIT = 64
MSG_EOR = 128
MSG_WAITALL = 256
MSG_NOSIGNAL = 16384
AI_PASSIVE = 1
AI_CANONNAME = 2
AI_NUMERICHOST = 4
AI_V4MAPPED = 8
AI_ALL = 16
AI_ADDRCONFIG = 32
AI_NUMERICSERV = 1024
NI_NUMERICHOST = 1
NI_NUMERICSERV = 2
NI_NOFQDN = 4
NI_NAMEREQD = 8
NI_DGRAM = 16
NI_MAXHOST = 1025
NI_MAXSERV = 32
EAI_BADFLAGS = -1
EAI_NONAME = -2
EAI_AGAIN = -3
EAI_FAIL = -4
EAI_NODATA = -5
EAI_FAMILY = -6
EAI_SOCKTYPE = -7
EAI_SERVICE = -8
EAI_ADDRFAMILY = -9
EAI_MEMORY = -10
EAI_SYSTEM = -11
EAI_OVERFLOW = -12
INADDR_ANY = 0
INADDR_LOOPBACK = 0x7f000001
INADDR_BROADCAST = 0xffffffff
INADDR_NONE = 0xffffffff
SOMAXCONN = 4096
SCM_RIGHTS = 1
has_ipv6 = True

error = OSError
timeout = TimeoutError


class herror(OSError):
    pass


class gaierror(OSError):
    pass


_default_timeout = None


def getdefaulttimeout():
    return _default_timeout


def _check_timeout(value):
    if value is None:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise TypeError("Timeout value must be int, float or None") from None
    if value != value:
        raise ValueError("Invalid value NaN (not a number)")
    if value < 0:
        raise ValueError("Timeout value out of range")
    return value


def setdefaulttimeout(timeout):
    global _default_timeout
    _default_timeout = _check_timeout(timeout)


def _host_str(host):
    if isinstance(host, (bytes, bytearray)):
        host = bytes(host).decode("idna")
    if not isinstance(host, str):
        raise TypeError("str, bytes or bytearray expected, not %s" % type(host).__name__)
    return host


def _numeric_host(host, family):
    """The numeric address string of `host` for `family` (resolved)."""
    host = _host_str(host)
    if family == AF_INET:
        if host == "":
            return "0.0.0.0"
        if host == "<broadcast>":
            return "255.255.255.255"
    elif host == "":
        return "::"
    r = _getaddrinfo(host, None, family, 0, 0, 0)
    if isinstance(r, tuple):
        raise gaierror(r[0], r[1])
    return r[0][4][0]


def _port(port):
    if not isinstance(port, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(port).__name__)
    if not 0 <= port <= 65535:
        raise OverflowError("%s(): port must be 0-65535." % _caller)
    return port


_caller = "bind"


def _addr(family, address):
    """(family, a, b, c, d) for the native calls."""
    if family == AF_UNIX:
        if isinstance(address, str):
            address = _os.fsencode(address)
        if not isinstance(address, (bytes, bytearray, memoryview)):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(address).__name__)
        return (family, bytes(address), 0, 0, 0)
    if family == AF_INET:
        if not isinstance(address, tuple) or len(address) != 2:
            raise TypeError("AF_INET address must be tuple, not %s"
                            % type(address).__name__)
        host, port = address
        return (family, _numeric_host(host, family), _port(port), 0, 0)
    if family == AF_INET6:
        if not isinstance(address, tuple) or not 2 <= len(address) <= 4:
            raise TypeError("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
        host, port, flow, scope = (tuple(address) + (0, 0))[:4]
        return (family, _numeric_host(host, family), _port(port), flow, scope)
    raise OSError(97, "Address family not supported by protocol")


class socket:
    """A socket on a file descriptor (AF_INET, AF_INET6, AF_UNIX)."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
            fd = _new(family, type, proto)
        else:
            if not isinstance(fileno, int):
                raise TypeError("'%s' object cannot be interpreted as an integer"
                                % fileno.__class__.__name__)
            fd = fileno
            if fd < 0:
                raise ValueError("negative file descriptor")
            if family == -1:
                family = _getsockopt(fd, SOL_SOCKET, SO_DOMAIN, 0)
            if type == -1:
                type = _getsockopt(fd, SOL_SOCKET, SO_TYPE, 0)
            if proto == -1:
                proto = _getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, 0)
        self._sock_fd = fd
        self._sock_family = family
        self._sock_type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
        self._sock_proto = proto
        self._sock_timeout = None
        if type & SOCK_NONBLOCK:
            self.settimeout(0.0)
        elif _default_timeout is not None:
            self.settimeout(_default_timeout)

    family = property(lambda self: self._sock_family)
    type = property(lambda self: self._sock_type)
    proto = property(lambda self: self._sock_proto)
    timeout = property(lambda self: self._sock_timeout)

    def fileno(self):
        return self._sock_fd

    def _check(self):
        if self._sock_fd < 0:
            raise OSError(9, "Bad file descriptor")
        return self._sock_fd

    def close(self):
        fd, self._sock_fd = self._sock_fd, -1
        if fd >= 0:
            try:
                _os.close(fd)
            except OSError as e:
                if e.errno != 104:  # ECONNRESET is ignored, like CPython
                    raise

    def detach(self):
        fd, self._sock_fd = self._sock_fd, -1
        return fd

    def __del__(self):
        if getattr(self, "_sock_fd", -1) >= 0:
            try:
                _os.close(self._sock_fd)
            except OSError:
                pass

    def settimeout(self, value):
        value = _check_timeout(value)
        self._sock_timeout = value
        if self._sock_fd >= 0:
            _os.set_blocking(self._sock_fd, value is None)

    def gettimeout(self):
        return self._sock_timeout

    def setblocking(self, flag):
        self.settimeout(None if flag else 0.0)

    def getblocking(self):
        return self._sock_timeout != 0.0

    def _wait(self, events):
        """Waits for `events` when the socket has a positive timeout."""
        t = self._sock_timeout
        if t is None or t == 0.0:
            return
        ms = int(t * 1000 + 0.999999)
        if not any(ev for _, ev in _select._poll([(self._sock_fd, events)], ms)):
            raise TimeoutError("timed out")

    def bind(self, address):
        global _caller
        _caller = "bind"
        _bind(self._check(), *_addr(self._sock_family, address))

    def listen(self, backlog=128):
        _listen(self._check(), min(max(backlog, 0), SOMAXCONN))

    def _accept(self):
        self._wait(1)
        return _accept(self._check())

    def _connect(self, address, ex):
        global _caller
        _caller = "connect"
        err = _connect(self._check(), *_addr(self._sock_family, address))
        if err == 115 and self._sock_timeout != 0.0:  # EINPROGRESS
            try:
                self._wait(4)
            except TimeoutError:
                if ex:
                    return 11  # EWOULDBLOCK, like CPython's connect_ex
                raise
            err = _getsockopt(self._sock_fd, SOL_SOCKET, SO_ERROR, 0)
        if err and not ex:
            raise OSError(err, _os.strerror(err))
        return err

    def connect(self, address):
        self._connect(address, False)

    def connect_ex(self, address):
        return self._connect(address, True)

    def send(self, data, flags=0):
        self._wait(4)
        return _send(self._check(), data, flags)

    def sendall(self, data, flags=0):
        data = bytes(data)
        n = 0
        while n < len(data):
            n += self.send(data[n:] if n else data, flags)

    def sendto(self, data, flags_or_addr, addr=None):
        if addr is None:
            flags, addr = 0, flags_or_addr
        else:
            flags = flags_or_addr
        self._wait(4)
        return _sendto(self._check(), data, flags, *_addr(self._sock_family, addr))

    def recv(self, bufsize, flags=0):
        self._wait(1)
        return _recv(self._check(), bufsize, flags)

    def recvfrom(self, bufsize, flags=0):
        self._wait(1)
        return _recvfrom(self._check(), bufsize, flags)

    def recv_into(self, buffer, nbytes=0, flags=0):
        data = self.recv(nbytes or len(buffer), flags)
        buffer[:len(data)] = data
        return len(data)

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        data, addr = self.recvfrom(nbytes or len(buffer), flags)
        buffer[:len(data)] = data
        return len(data), addr

    def shutdown(self, how):
        _shutdown(self._check(), how)

    def setsockopt(self, level, optname, value, optlen=None):
        if value is None:
            value = bytes(optlen or 0)
        _setsockopt(self._check(), level, optname, value)

    def getsockopt(self, level, optname, buflen=0):
        return _getsockopt(self._check(), level, optname, buflen)

    def getsockname(self):
        return _name(self._check(), False)

    def getpeername(self):
        return _name(self._check(), True)

    def __repr__(self):
        return "<socket object, fd=%d, family=%d, type=%d, proto=%d>" % (
            self._sock_fd, self._sock_family, self._sock_type, self._sock_proto)


SocketType = socket


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    a, b = _pair(family, type, proto)
    return socket(family, type, proto, a), socket(family, type, proto, b)


def dup(fd):
    return _os.dup(fd)


def close(fd):
    _os.close(fd)


def gethostname():
    return _gethostname()


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    if host is not None:
        host = _host_str(host)
    if isinstance(port, int):
        port = str(port)
    elif isinstance(port, bytes):
        port = port.decode()
    elif port is not None and not isinstance(port, str):
        raise OSError("Int or String expected")
    r = _getaddrinfo(host, port, family, type, proto, flags)
    if isinstance(r, tuple):
        raise gaierror(r[0], r[1])
    return r


def gethostbyname(host):
    return _numeric_host(host, AF_INET)


def gethostbyname_ex(host):
    name = _host_str(host)
    addrs = []
    for *_, sa in getaddrinfo(name, None, AF_INET, SOCK_STREAM):
        if sa[0] not in addrs:
            addrs.append(sa[0])
    return name, [], addrs


def _u16(x):
    if x < 0:
        raise OverflowError("can't convert negative Python int to C 16-bit unsigned integer")
    if x > 0xffff:
        raise OverflowError("Python int too large to convert to C 16-bit unsigned integer")
    return x


def htons(x):
    x = _u16(x)
    return ((x & 0xff) << 8) | (x >> 8)


ntohs = htons


def htonl(x):
    if x < 0:
        raise OverflowError("can't convert negative value to unsigned int")
    if x > 0xffffffff:
        raise OverflowError("int larger than 32 bits")
    return int.from_bytes(x.to_bytes(4, "little"), "big")


ntohl = htonl


def inet_aton(s):
    parts = s.split(".")
    try:
        if not 1 <= len(parts) <= 4:
            raise ValueError
        nums = [int(p, 0) if p[:2].lower() != "0x" else int(p, 16) for p in parts]
        last = nums.pop()
        if any(not 0 <= n <= 255 for n in nums) or not 0 <= last < 256 ** (4 - len(nums)):
            raise ValueError
    except ValueError:
        raise OSError("illegal IP address string passed to inet_aton") from None
    return bytes(nums) + last.to_bytes(4 - len(nums), "big")


def inet_ntoa(b):
    b = bytes(b)
    if len(b) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return "%d.%d.%d.%d" % tuple(b)


def inet_pton(family, s):
    import ipaddress
    try:
        if family == AF_INET:
            return ipaddress.IPv4Address(s).packed
        if family == AF_INET6:
            return ipaddress.IPv6Address(s).packed
    except ValueError:
        raise OSError("illegal IP address string passed to inet_pton") from None
    raise OSError(97, "Address family not supported by protocol")


def inet_ntop(family, b):
    import ipaddress
    b = bytes(b)
    if family == AF_INET:
        if len(b) != 4:
            raise ValueError("invalid length of packed IP address string")
        return str(ipaddress.IPv4Address(b))
    if family == AF_INET6:
        if len(b) != 16:
            raise ValueError("invalid length of packed IP address string")
        return str(ipaddress.IPv6Address(b))
    raise ValueError("unknown address family %d" % family)
